import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { FunctionRef as _minifaas_v1_FunctionRef, FunctionRef__Output as _minifaas_v1_FunctionRef__Output } from './minifaas/v1/FunctionRef.js';
import type { InvokeResult as _minifaas_v1_InvokeResult, InvokeResult__Output as _minifaas_v1_InvokeResult__Output } from './minifaas/v1/InvokeResult.js';
import type { PrepareRequest as _minifaas_v1_PrepareRequest, PrepareRequest__Output as _minifaas_v1_PrepareRequest__Output } from './minifaas/v1/PrepareRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  minifaas: {
    v1: {
      FunctionRef: MessageTypeDefinition<_minifaas_v1_FunctionRef, _minifaas_v1_FunctionRef__Output>
      InvokeResult: MessageTypeDefinition<_minifaas_v1_InvokeResult, _minifaas_v1_InvokeResult__Output>
      Outcome: EnumTypeDefinition
      PrepareRequest: MessageTypeDefinition<_minifaas_v1_PrepareRequest, _minifaas_v1_PrepareRequest__Output>
    }
  }
}

