// Original file: ../../protos/minifaas/v1/worker.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { InvokeResult as _minifaas_v1_InvokeResult, InvokeResult__Output as _minifaas_v1_InvokeResult__Output } from '../../minifaas/v1/InvokeResult.js';
import type { PrepareReply as _minifaas_v1_PrepareReply, PrepareReply__Output as _minifaas_v1_PrepareReply__Output } from '../../minifaas/v1/PrepareReply.js';
import type { PrepareRequest as _minifaas_v1_PrepareRequest, PrepareRequest__Output as _minifaas_v1_PrepareRequest__Output } from '../../minifaas/v1/PrepareRequest.js';
import type { WorkerInvokeRequest as _minifaas_v1_WorkerInvokeRequest, WorkerInvokeRequest__Output as _minifaas_v1_WorkerInvokeRequest__Output } from '../../minifaas/v1/WorkerInvokeRequest.js';

/**
 * One worker runs one invocation at a time. The gRPC deadline of Invoke is the invocation's
 * end-to-end deadline; the worker stops the guest just before it and answers OUTCOME_TIMEOUT.
 */
export interface WorkerClient extends grpc.Client {
  Invoke(argument: _minifaas_v1_WorkerInvokeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  Invoke(argument: _minifaas_v1_WorkerInvokeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  Invoke(argument: _minifaas_v1_WorkerInvokeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  Invoke(argument: _minifaas_v1_WorkerInvokeRequest, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  invoke(argument: _minifaas_v1_WorkerInvokeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  invoke(argument: _minifaas_v1_WorkerInvokeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  invoke(argument: _minifaas_v1_WorkerInvokeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  invoke(argument: _minifaas_v1_WorkerInvokeRequest, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Loads a WASM function's module so its first invocation runs warm. Runs nothing of the
   * function and does not wait for the invocation in progress. A native or html function has
   * nothing to load and answers at once.
   */
  Prepare(argument: _minifaas_v1_PrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_PrepareReply__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _minifaas_v1_PrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_PrepareReply__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _minifaas_v1_PrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_PrepareReply__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _minifaas_v1_PrepareRequest, callback: grpc.requestCallback<_minifaas_v1_PrepareReply__Output>): grpc.ClientUnaryCall;
  /**
   * Loads a WASM function's module so its first invocation runs warm. Runs nothing of the
   * function and does not wait for the invocation in progress. A native or html function has
   * nothing to load and answers at once.
   */
  prepare(argument: _minifaas_v1_PrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_PrepareReply__Output>): grpc.ClientUnaryCall;
  prepare(argument: _minifaas_v1_PrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_PrepareReply__Output>): grpc.ClientUnaryCall;
  prepare(argument: _minifaas_v1_PrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_PrepareReply__Output>): grpc.ClientUnaryCall;
  prepare(argument: _minifaas_v1_PrepareRequest, callback: grpc.requestCallback<_minifaas_v1_PrepareReply__Output>): grpc.ClientUnaryCall;
  
}

/**
 * One worker runs one invocation at a time. The gRPC deadline of Invoke is the invocation's
 * end-to-end deadline; the worker stops the guest just before it and answers OUTCOME_TIMEOUT.
 */
export interface WorkerHandlers extends grpc.UntypedServiceImplementation {
  Invoke: grpc.handleUnaryCall<_minifaas_v1_WorkerInvokeRequest__Output, _minifaas_v1_InvokeResult>;
  
  /**
   * Loads a WASM function's module so its first invocation runs warm. Runs nothing of the
   * function and does not wait for the invocation in progress. A native or html function has
   * nothing to load and answers at once.
   */
  Prepare: grpc.handleUnaryCall<_minifaas_v1_PrepareRequest__Output, _minifaas_v1_PrepareReply>;
  
}

export interface WorkerDefinition extends grpc.ServiceDefinition {
  Invoke: MethodDefinition<_minifaas_v1_WorkerInvokeRequest, _minifaas_v1_InvokeResult, _minifaas_v1_WorkerInvokeRequest__Output, _minifaas_v1_InvokeResult__Output>
  Prepare: MethodDefinition<_minifaas_v1_PrepareRequest, _minifaas_v1_PrepareReply, _minifaas_v1_PrepareRequest__Output, _minifaas_v1_PrepareReply__Output>
}
