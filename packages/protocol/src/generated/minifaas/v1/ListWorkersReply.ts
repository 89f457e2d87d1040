// Original file: ../../protos/minifaas/v1/load_balancer.proto

import type { WorkerStatus as _minifaas_v1_WorkerStatus, WorkerStatus__Output as _minifaas_v1_WorkerStatus__Output } from '../../minifaas/v1/WorkerStatus.js';

export interface ListWorkersReply {
  'strategy'?: (string);
  'workers'?: (_minifaas_v1_WorkerStatus)[];
  /**
   * Invocations waiting for a worker.
   */
  'waiting'?: (number);
}

export interface ListWorkersReply__Output {
  'strategy': (string);
  'workers': (_minifaas_v1_WorkerStatus__Output)[];
  /**
   * Invocations waiting for a worker.
   */
  'waiting': (number);
}
