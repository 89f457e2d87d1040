// Original file: ../../protos/minifaas/v1/load_balancer.proto

import type { WorkerInfo as _minifaas_v1_WorkerInfo, WorkerInfo__Output as _minifaas_v1_WorkerInfo__Output } from '../../minifaas/v1/WorkerInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface WorkerStatus {
  'worker'?: (_minifaas_v1_WorkerInfo | null);
  /**
   * idle | busy
   */
  'state'?: (string);
  'jobsDone'?: (number | string | Long);
  'currentInvocationId'?: (string);
}

export interface WorkerStatus__Output {
  'worker': (_minifaas_v1_WorkerInfo__Output | null);
  /**
   * idle | busy
   */
  'state': (string);
  'jobsDone': (number);
  'currentInvocationId': (string);
}
