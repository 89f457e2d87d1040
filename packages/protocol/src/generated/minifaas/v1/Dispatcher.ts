// Original file: ../../protos/minifaas/v1/dispatcher.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DispatchRequest as _minifaas_v1_DispatchRequest, DispatchRequest__Output as _minifaas_v1_DispatchRequest__Output } from '../../minifaas/v1/DispatchRequest.js';
import type { InvokeResult as _minifaas_v1_InvokeResult, InvokeResult__Output as _minifaas_v1_InvokeResult__Output } from '../../minifaas/v1/InvokeResult.js';
import type { PrepareRequest as _minifaas_v1_PrepareRequest, PrepareRequest__Output as _minifaas_v1_PrepareRequest__Output } from '../../minifaas/v1/PrepareRequest.js';
import type { PrepareSummary as _minifaas_v1_PrepareSummary, PrepareSummary__Output as _minifaas_v1_PrepareSummary__Output } from '../../minifaas/v1/PrepareSummary.js';
import type { StatusReply as _minifaas_v1_StatusReply, StatusReply__Output as _minifaas_v1_StatusReply__Output } from '../../minifaas/v1/StatusReply.js';
import type { StatusRequest as _minifaas_v1_StatusRequest, StatusRequest__Output as _minifaas_v1_StatusRequest__Output } from '../../minifaas/v1/StatusRequest.js';

/**
 * Takes invocations from the gateway, gets a worker from the load balancer, runs the invocation
 * there and reports back. The gRPC deadline of Invoke is the invocation's end-to-end deadline.
 */
export interface DispatcherClient extends grpc.Client {
  Invoke(argument: _minifaas_v1_DispatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  Invoke(argument: _minifaas_v1_DispatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  Invoke(argument: _minifaas_v1_DispatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  Invoke(argument: _minifaas_v1_DispatchRequest, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  invoke(argument: _minifaas_v1_DispatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  invoke(argument: _minifaas_v1_DispatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  invoke(argument: _minifaas_v1_DispatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  invoke(argument: _minifaas_v1_DispatchRequest, callback: grpc.requestCallback<_minifaas_v1_InvokeResult__Output>): grpc.ClientUnaryCall;
  
  /**
   * Prepares a function on every worker registered now (Worker.Prepare on each, at once). The
   * call's deadline bounds the whole; a worker that fails or is late is listed, not retried.
   * Workers that register later load the module on their first call of it.
   */
  Prepare(argument: _minifaas_v1_PrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_PrepareSummary__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _minifaas_v1_PrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_PrepareSummary__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _minifaas_v1_PrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_PrepareSummary__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _minifaas_v1_PrepareRequest, callback: grpc.requestCallback<_minifaas_v1_PrepareSummary__Output>): grpc.ClientUnaryCall;
  /**
   * Prepares a function on every worker registered now (Worker.Prepare on each, at once). The
   * call's deadline bounds the whole; a worker that fails or is late is listed, not retried.
   * Workers that register later load the module on their first call of it.
   */
  prepare(argument: _minifaas_v1_PrepareRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_PrepareSummary__Output>): grpc.ClientUnaryCall;
  prepare(argument: _minifaas_v1_PrepareRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_PrepareSummary__Output>): grpc.ClientUnaryCall;
  prepare(argument: _minifaas_v1_PrepareRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_PrepareSummary__Output>): grpc.ClientUnaryCall;
  prepare(argument: _minifaas_v1_PrepareRequest, callback: grpc.requestCallback<_minifaas_v1_PrepareSummary__Output>): grpc.ClientUnaryCall;
  
  Status(argument: _minifaas_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StatusReply__Output>): grpc.ClientUnaryCall;
  Status(argument: _minifaas_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_StatusReply__Output>): grpc.ClientUnaryCall;
  Status(argument: _minifaas_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StatusReply__Output>): grpc.ClientUnaryCall;
  Status(argument: _minifaas_v1_StatusRequest, callback: grpc.requestCallback<_minifaas_v1_StatusReply__Output>): grpc.ClientUnaryCall;
  status(argument: _minifaas_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StatusReply__Output>): grpc.ClientUnaryCall;
  status(argument: _minifaas_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_StatusReply__Output>): grpc.ClientUnaryCall;
  status(argument: _minifaas_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StatusReply__Output>): grpc.ClientUnaryCall;
  status(argument: _minifaas_v1_StatusRequest, callback: grpc.requestCallback<_minifaas_v1_StatusReply__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Takes invocations from the gateway, gets a worker from the load balancer, runs the invocation
 * there and reports back. The gRPC deadline of Invoke is the invocation's end-to-end deadline.
 */
export interface DispatcherHandlers extends grpc.UntypedServiceImplementation {
  Invoke: grpc.handleUnaryCall<_minifaas_v1_DispatchRequest__Output, _minifaas_v1_InvokeResult>;
  
  /**
   * Prepares a function on every worker registered now (Worker.Prepare on each, at once). The
   * call's deadline bounds the whole; a worker that fails or is late is listed, not retried.
   * Workers that register later load the module on their first call of it.
   */
  Prepare: grpc.handleUnaryCall<_minifaas_v1_PrepareRequest__Output, _minifaas_v1_PrepareSummary>;
  
  Status: grpc.handleUnaryCall<_minifaas_v1_StatusRequest__Output, _minifaas_v1_StatusReply>;
  
}

export interface DispatcherDefinition extends grpc.ServiceDefinition {
  Invoke: MethodDefinition<_minifaas_v1_DispatchRequest, _minifaas_v1_InvokeResult, _minifaas_v1_DispatchRequest__Output, _minifaas_v1_InvokeResult__Output>
  Prepare: MethodDefinition<_minifaas_v1_PrepareRequest, _minifaas_v1_PrepareSummary, _minifaas_v1_PrepareRequest__Output, _minifaas_v1_PrepareSummary__Output>
  Status: MethodDefinition<_minifaas_v1_StatusRequest, _minifaas_v1_StatusReply, _minifaas_v1_StatusRequest__Output, _minifaas_v1_StatusReply__Output>
}
