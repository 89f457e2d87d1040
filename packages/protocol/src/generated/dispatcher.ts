import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcquireRequest as _minifaas_v1_AcquireRequest, AcquireRequest__Output as _minifaas_v1_AcquireRequest__Output } from './minifaas/v1/AcquireRequest.js';
import type { DispatchRequest as _minifaas_v1_DispatchRequest, DispatchRequest__Output as _minifaas_v1_DispatchRequest__Output } from './minifaas/v1/DispatchRequest.js';
import type { DispatcherClient as _minifaas_v1_DispatcherClient, DispatcherDefinition as _minifaas_v1_DispatcherDefinition } from './minifaas/v1/Dispatcher.js';
import type { FunctionRef as _minifaas_v1_FunctionRef, FunctionRef__Output as _minifaas_v1_FunctionRef__Output } from './minifaas/v1/FunctionRef.js';
import type { GetStrategyRequest as _minifaas_v1_GetStrategyRequest, GetStrategyRequest__Output as _minifaas_v1_GetStrategyRequest__Output } from './minifaas/v1/GetStrategyRequest.js';
import type { InvokeResult as _minifaas_v1_InvokeResult, InvokeResult__Output as _minifaas_v1_InvokeResult__Output } from './minifaas/v1/InvokeResult.js';
import type { Lease as _minifaas_v1_Lease, Lease__Output as _minifaas_v1_Lease__Output } from './minifaas/v1/Lease.js';
import type { ListWorkersReply as _minifaas_v1_ListWorkersReply, ListWorkersReply__Output as _minifaas_v1_ListWorkersReply__Output } from './minifaas/v1/ListWorkersReply.js';
import type { ListWorkersRequest as _minifaas_v1_ListWorkersRequest, ListWorkersRequest__Output as _minifaas_v1_ListWorkersRequest__Output } from './minifaas/v1/ListWorkersRequest.js';
import type { LoadBalancerClient as _minifaas_v1_LoadBalancerClient, LoadBalancerDefinition as _minifaas_v1_LoadBalancerDefinition } from './minifaas/v1/LoadBalancer.js';
import type { PrepareRequest as _minifaas_v1_PrepareRequest, PrepareRequest__Output as _minifaas_v1_PrepareRequest__Output } from './minifaas/v1/PrepareRequest.js';
import type { PrepareSummary as _minifaas_v1_PrepareSummary, PrepareSummary__Output as _minifaas_v1_PrepareSummary__Output } from './minifaas/v1/PrepareSummary.js';
import type { RegisterEvent as _minifaas_v1_RegisterEvent, RegisterEvent__Output as _minifaas_v1_RegisterEvent__Output } from './minifaas/v1/RegisterEvent.js';
import type { RegisterRequest as _minifaas_v1_RegisterRequest, RegisterRequest__Output as _minifaas_v1_RegisterRequest__Output } from './minifaas/v1/RegisterRequest.js';
import type { ReleaseReply as _minifaas_v1_ReleaseReply, ReleaseReply__Output as _minifaas_v1_ReleaseReply__Output } from './minifaas/v1/ReleaseReply.js';
import type { ReleaseRequest as _minifaas_v1_ReleaseRequest, ReleaseRequest__Output as _minifaas_v1_ReleaseRequest__Output } from './minifaas/v1/ReleaseRequest.js';
import type { SetStrategyRequest as _minifaas_v1_SetStrategyRequest, SetStrategyRequest__Output as _minifaas_v1_SetStrategyRequest__Output } from './minifaas/v1/SetStrategyRequest.js';
import type { StatusReply as _minifaas_v1_StatusReply, StatusReply__Output as _minifaas_v1_StatusReply__Output } from './minifaas/v1/StatusReply.js';
import type { StatusRequest as _minifaas_v1_StatusRequest, StatusRequest__Output as _minifaas_v1_StatusRequest__Output } from './minifaas/v1/StatusRequest.js';
import type { StrategyReply as _minifaas_v1_StrategyReply, StrategyReply__Output as _minifaas_v1_StrategyReply__Output } from './minifaas/v1/StrategyReply.js';
import type { WorkerInfo as _minifaas_v1_WorkerInfo, WorkerInfo__Output as _minifaas_v1_WorkerInfo__Output } from './minifaas/v1/WorkerInfo.js';
import type { WorkerStatus as _minifaas_v1_WorkerStatus, WorkerStatus__Output as _minifaas_v1_WorkerStatus__Output } from './minifaas/v1/WorkerStatus.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  minifaas: {
    v1: {
      AcquireRequest: MessageTypeDefinition<_minifaas_v1_AcquireRequest, _minifaas_v1_AcquireRequest__Output>
      DispatchRequest: MessageTypeDefinition<_minifaas_v1_DispatchRequest, _minifaas_v1_DispatchRequest__Output>
      /**
       * Takes invocations from the gateway, gets a worker from the load balancer, runs the invocation
       * there and reports back. The gRPC deadline of Invoke is the invocation's end-to-end deadline.
       */
      Dispatcher: SubtypeConstructor<typeof grpc.Client, _minifaas_v1_DispatcherClient> & { service: _minifaas_v1_DispatcherDefinition }
      FunctionRef: MessageTypeDefinition<_minifaas_v1_FunctionRef, _minifaas_v1_FunctionRef__Output>
      GetStrategyRequest: MessageTypeDefinition<_minifaas_v1_GetStrategyRequest, _minifaas_v1_GetStrategyRequest__Output>
      InvokeResult: MessageTypeDefinition<_minifaas_v1_InvokeResult, _minifaas_v1_InvokeResult__Output>
      Lease: MessageTypeDefinition<_minifaas_v1_Lease, _minifaas_v1_Lease__Output>
      ListWorkersReply: MessageTypeDefinition<_minifaas_v1_ListWorkersReply, _minifaas_v1_ListWorkersReply__Output>
      ListWorkersRequest: MessageTypeDefinition<_minifaas_v1_ListWorkersRequest, _minifaas_v1_ListWorkersRequest__Output>
      /**
       * The registry of workers and the strategies that pick one.
       */
      LoadBalancer: SubtypeConstructor<typeof grpc.Client, _minifaas_v1_LoadBalancerClient> & { service: _minifaas_v1_LoadBalancerDefinition }
      Outcome: EnumTypeDefinition
      PrepareRequest: MessageTypeDefinition<_minifaas_v1_PrepareRequest, _minifaas_v1_PrepareRequest__Output>
      PrepareSummary: MessageTypeDefinition<_minifaas_v1_PrepareSummary, _minifaas_v1_PrepareSummary__Output>
      RegisterEvent: MessageTypeDefinition<_minifaas_v1_RegisterEvent, _minifaas_v1_RegisterEvent__Output>
      RegisterRequest: MessageTypeDefinition<_minifaas_v1_RegisterRequest, _minifaas_v1_RegisterRequest__Output>
      ReleaseReply: MessageTypeDefinition<_minifaas_v1_ReleaseReply, _minifaas_v1_ReleaseReply__Output>
      ReleaseRequest: MessageTypeDefinition<_minifaas_v1_ReleaseRequest, _minifaas_v1_ReleaseRequest__Output>
      SetStrategyRequest: MessageTypeDefinition<_minifaas_v1_SetStrategyRequest, _minifaas_v1_SetStrategyRequest__Output>
      StatusReply: MessageTypeDefinition<_minifaas_v1_StatusReply, _minifaas_v1_StatusReply__Output>
      StatusRequest: MessageTypeDefinition<_minifaas_v1_StatusRequest, _minifaas_v1_StatusRequest__Output>
      StrategyReply: MessageTypeDefinition<_minifaas_v1_StrategyReply, _minifaas_v1_StrategyReply__Output>
      WorkerInfo: MessageTypeDefinition<_minifaas_v1_WorkerInfo, _minifaas_v1_WorkerInfo__Output>
      WorkerStatus: MessageTypeDefinition<_minifaas_v1_WorkerStatus, _minifaas_v1_WorkerStatus__Output>
    }
  }
}

