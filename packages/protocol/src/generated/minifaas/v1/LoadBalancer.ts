// Original file: ../../protos/minifaas/v1/load_balancer.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AcquireRequest as _minifaas_v1_AcquireRequest, AcquireRequest__Output as _minifaas_v1_AcquireRequest__Output } from '../../minifaas/v1/AcquireRequest.js';
import type { GetStrategyRequest as _minifaas_v1_GetStrategyRequest, GetStrategyRequest__Output as _minifaas_v1_GetStrategyRequest__Output } from '../../minifaas/v1/GetStrategyRequest.js';
import type { Lease as _minifaas_v1_Lease, Lease__Output as _minifaas_v1_Lease__Output } from '../../minifaas/v1/Lease.js';
import type { ListWorkersReply as _minifaas_v1_ListWorkersReply, ListWorkersReply__Output as _minifaas_v1_ListWorkersReply__Output } from '../../minifaas/v1/ListWorkersReply.js';
import type { ListWorkersRequest as _minifaas_v1_ListWorkersRequest, ListWorkersRequest__Output as _minifaas_v1_ListWorkersRequest__Output } from '../../minifaas/v1/ListWorkersRequest.js';
import type { RegisterEvent as _minifaas_v1_RegisterEvent, RegisterEvent__Output as _minifaas_v1_RegisterEvent__Output } from '../../minifaas/v1/RegisterEvent.js';
import type { RegisterRequest as _minifaas_v1_RegisterRequest, RegisterRequest__Output as _minifaas_v1_RegisterRequest__Output } from '../../minifaas/v1/RegisterRequest.js';
import type { ReleaseReply as _minifaas_v1_ReleaseReply, ReleaseReply__Output as _minifaas_v1_ReleaseReply__Output } from '../../minifaas/v1/ReleaseReply.js';
import type { ReleaseRequest as _minifaas_v1_ReleaseRequest, ReleaseRequest__Output as _minifaas_v1_ReleaseRequest__Output } from '../../minifaas/v1/ReleaseRequest.js';
import type { SetStrategyRequest as _minifaas_v1_SetStrategyRequest, SetStrategyRequest__Output as _minifaas_v1_SetStrategyRequest__Output } from '../../minifaas/v1/SetStrategyRequest.js';
import type { StrategyReply as _minifaas_v1_StrategyReply, StrategyReply__Output as _minifaas_v1_StrategyReply__Output } from '../../minifaas/v1/StrategyReply.js';

/**
 * The registry of workers and the strategies that pick one.
 */
export interface LoadBalancerClient extends grpc.Client {
  /**
   * Reserve a worker for one invocation. Waits (up to the call's deadline) while the strategy's
   * choice is busy. Fails UNAVAILABLE when no worker is registered.
   */
  Acquire(argument: _minifaas_v1_AcquireRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_Lease__Output>): grpc.ClientUnaryCall;
  Acquire(argument: _minifaas_v1_AcquireRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_Lease__Output>): grpc.ClientUnaryCall;
  Acquire(argument: _minifaas_v1_AcquireRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_Lease__Output>): grpc.ClientUnaryCall;
  Acquire(argument: _minifaas_v1_AcquireRequest, callback: grpc.requestCallback<_minifaas_v1_Lease__Output>): grpc.ClientUnaryCall;
  /**
   * Reserve a worker for one invocation. Waits (up to the call's deadline) while the strategy's
   * choice is busy. Fails UNAVAILABLE when no worker is registered.
   */
  acquire(argument: _minifaas_v1_AcquireRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_Lease__Output>): grpc.ClientUnaryCall;
  acquire(argument: _minifaas_v1_AcquireRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_Lease__Output>): grpc.ClientUnaryCall;
  acquire(argument: _minifaas_v1_AcquireRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_Lease__Output>): grpc.ClientUnaryCall;
  acquire(argument: _minifaas_v1_AcquireRequest, callback: grpc.requestCallback<_minifaas_v1_Lease__Output>): grpc.ClientUnaryCall;
  
  /**
   * The strategy in force and the names it can be switched to.
   */
  GetStrategy(argument: _minifaas_v1_GetStrategyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  GetStrategy(argument: _minifaas_v1_GetStrategyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  GetStrategy(argument: _minifaas_v1_GetStrategyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  GetStrategy(argument: _minifaas_v1_GetStrategyRequest, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  /**
   * The strategy in force and the names it can be switched to.
   */
  getStrategy(argument: _minifaas_v1_GetStrategyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  getStrategy(argument: _minifaas_v1_GetStrategyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  getStrategy(argument: _minifaas_v1_GetStrategyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  getStrategy(argument: _minifaas_v1_GetStrategyRequest, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  
  ListWorkers(argument: _minifaas_v1_ListWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_ListWorkersReply__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _minifaas_v1_ListWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_ListWorkersReply__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _minifaas_v1_ListWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_ListWorkersReply__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _minifaas_v1_ListWorkersRequest, callback: grpc.requestCallback<_minifaas_v1_ListWorkersReply__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _minifaas_v1_ListWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_ListWorkersReply__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _minifaas_v1_ListWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_ListWorkersReply__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _minifaas_v1_ListWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_ListWorkersReply__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _minifaas_v1_ListWorkersRequest, callback: grpc.requestCallback<_minifaas_v1_ListWorkersReply__Output>): grpc.ClientUnaryCall;
  
  /**
   * A worker calls this once it listens and keeps the stream open for its whole life. The load
   * balancer drops the worker as soon as the stream ends (process died, container stopped).
   */
  Register(argument: _minifaas_v1_RegisterRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_minifaas_v1_RegisterEvent__Output>;
  Register(argument: _minifaas_v1_RegisterRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_minifaas_v1_RegisterEvent__Output>;
  /**
   * A worker calls this once it listens and keeps the stream open for its whole life. The load
   * balancer drops the worker as soon as the stream ends (process died, container stopped).
   */
  register(argument: _minifaas_v1_RegisterRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_minifaas_v1_RegisterEvent__Output>;
  register(argument: _minifaas_v1_RegisterRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_minifaas_v1_RegisterEvent__Output>;
  
  /**
   * End a lease: the worker is idle again, or gone when worker_failed is set.
   */
  Release(argument: _minifaas_v1_ReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_ReleaseReply__Output>): grpc.ClientUnaryCall;
  Release(argument: _minifaas_v1_ReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_ReleaseReply__Output>): grpc.ClientUnaryCall;
  Release(argument: _minifaas_v1_ReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_ReleaseReply__Output>): grpc.ClientUnaryCall;
  Release(argument: _minifaas_v1_ReleaseRequest, callback: grpc.requestCallback<_minifaas_v1_ReleaseReply__Output>): grpc.ClientUnaryCall;
  /**
   * End a lease: the worker is idle again, or gone when worker_failed is set.
   */
  release(argument: _minifaas_v1_ReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_ReleaseReply__Output>): grpc.ClientUnaryCall;
  release(argument: _minifaas_v1_ReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_ReleaseReply__Output>): grpc.ClientUnaryCall;
  release(argument: _minifaas_v1_ReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_ReleaseReply__Output>): grpc.ClientUnaryCall;
  release(argument: _minifaas_v1_ReleaseRequest, callback: grpc.requestCallback<_minifaas_v1_ReleaseReply__Output>): grpc.ClientUnaryCall;
  
  /**
   * Switches the strategy at once; invocations already waiting are chosen for again under it.
   * Fails INVALID_ARGUMENT for a name the load balancer does not know.
   */
  SetStrategy(argument: _minifaas_v1_SetStrategyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  SetStrategy(argument: _minifaas_v1_SetStrategyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  SetStrategy(argument: _minifaas_v1_SetStrategyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  SetStrategy(argument: _minifaas_v1_SetStrategyRequest, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  /**
   * Switches the strategy at once; invocations already waiting are chosen for again under it.
   * Fails INVALID_ARGUMENT for a name the load balancer does not know.
   */
  setStrategy(argument: _minifaas_v1_SetStrategyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  setStrategy(argument: _minifaas_v1_SetStrategyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  setStrategy(argument: _minifaas_v1_SetStrategyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  setStrategy(argument: _minifaas_v1_SetStrategyRequest, callback: grpc.requestCallback<_minifaas_v1_StrategyReply__Output>): grpc.ClientUnaryCall;
  
}

/**
 * The registry of workers and the strategies that pick one.
 */
export interface LoadBalancerHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Reserve a worker for one invocation. Waits (up to the call's deadline) while the strategy's
   * choice is busy. Fails UNAVAILABLE when no worker is registered.
   */
  Acquire: grpc.handleUnaryCall<_minifaas_v1_AcquireRequest__Output, _minifaas_v1_Lease>;
  
  /**
   * The strategy in force and the names it can be switched to.
   */
  GetStrategy: grpc.handleUnaryCall<_minifaas_v1_GetStrategyRequest__Output, _minifaas_v1_StrategyReply>;
  
  ListWorkers: grpc.handleUnaryCall<_minifaas_v1_ListWorkersRequest__Output, _minifaas_v1_ListWorkersReply>;
  
  /**
   * A worker calls this once it listens and keeps the stream open for its whole life. The load
   * balancer drops the worker as soon as the stream ends (process died, container stopped).
   */
  Register: grpc.handleServerStreamingCall<_minifaas_v1_RegisterRequest__Output, _minifaas_v1_RegisterEvent>;
  
  /**
   * End a lease: the worker is idle again, or gone when worker_failed is set.
   */
  Release: grpc.handleUnaryCall<_minifaas_v1_ReleaseRequest__Output, _minifaas_v1_ReleaseReply>;
  
  /**
   * Switches the strategy at once; invocations already waiting are chosen for again under it.
   * Fails INVALID_ARGUMENT for a name the load balancer does not know.
   */
  SetStrategy: grpc.handleUnaryCall<_minifaas_v1_SetStrategyRequest__Output, _minifaas_v1_StrategyReply>;
  
}

export interface LoadBalancerDefinition extends grpc.ServiceDefinition {
  Acquire: MethodDefinition<_minifaas_v1_AcquireRequest, _minifaas_v1_Lease, _minifaas_v1_AcquireRequest__Output, _minifaas_v1_Lease__Output>
  GetStrategy: MethodDefinition<_minifaas_v1_GetStrategyRequest, _minifaas_v1_StrategyReply, _minifaas_v1_GetStrategyRequest__Output, _minifaas_v1_StrategyReply__Output>
  ListWorkers: MethodDefinition<_minifaas_v1_ListWorkersRequest, _minifaas_v1_ListWorkersReply, _minifaas_v1_ListWorkersRequest__Output, _minifaas_v1_ListWorkersReply__Output>
  Register: MethodDefinition<_minifaas_v1_RegisterRequest, _minifaas_v1_RegisterEvent, _minifaas_v1_RegisterRequest__Output, _minifaas_v1_RegisterEvent__Output>
  Release: MethodDefinition<_minifaas_v1_ReleaseRequest, _minifaas_v1_ReleaseReply, _minifaas_v1_ReleaseRequest__Output, _minifaas_v1_ReleaseReply__Output>
  SetStrategy: MethodDefinition<_minifaas_v1_SetStrategyRequest, _minifaas_v1_StrategyReply, _minifaas_v1_SetStrategyRequest__Output, _minifaas_v1_StrategyReply__Output>
}
