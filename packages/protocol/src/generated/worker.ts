import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { FunctionRef as _minifaas_v1_FunctionRef, FunctionRef__Output as _minifaas_v1_FunctionRef__Output } from './minifaas/v1/FunctionRef.js';
import type { InvokeResult as _minifaas_v1_InvokeResult, InvokeResult__Output as _minifaas_v1_InvokeResult__Output } from './minifaas/v1/InvokeResult.js';
import type { PrepareReply as _minifaas_v1_PrepareReply, PrepareReply__Output as _minifaas_v1_PrepareReply__Output } from './minifaas/v1/PrepareReply.js';
import type { PrepareRequest as _minifaas_v1_PrepareRequest, PrepareRequest__Output as _minifaas_v1_PrepareRequest__Output } from './minifaas/v1/PrepareRequest.js';
import type { WorkerClient as _minifaas_v1_WorkerClient, WorkerDefinition as _minifaas_v1_WorkerDefinition } from './minifaas/v1/Worker.js';
import type { WorkerInvokeRequest as _minifaas_v1_WorkerInvokeRequest, WorkerInvokeRequest__Output as _minifaas_v1_WorkerInvokeRequest__Output } from './minifaas/v1/WorkerInvokeRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  minifaas: {
    v1: {
      FunctionRef: MessageTypeDefinition<_minifaas_v1_FunctionRef, _minifaas_v1_FunctionRef__Output>
      InvokeResult: MessageTypeDefinition<_minifaas_v1_InvokeResult, _minifaas_v1_InvokeResult__Output>
      Outcome: EnumTypeDefinition
      PrepareReply: MessageTypeDefinition<_minifaas_v1_PrepareReply, _minifaas_v1_PrepareReply__Output>
      PrepareRequest: MessageTypeDefinition<_minifaas_v1_PrepareRequest, _minifaas_v1_PrepareRequest__Output>
      /**
       * One worker runs one invocation at a time. The gRPC deadline of Invoke is the invocation's
       * end-to-end deadline; the worker stops the guest just before it and answers OUTCOME_TIMEOUT.
       */
      Worker: SubtypeConstructor<typeof grpc.Client, _minifaas_v1_WorkerClient> & { service: _minifaas_v1_WorkerDefinition }
      WorkerInvokeRequest: MessageTypeDefinition<_minifaas_v1_WorkerInvokeRequest, _minifaas_v1_WorkerInvokeRequest__Output>
    }
  }
}

