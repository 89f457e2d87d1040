// Original file: ../../protos/minifaas/v1/load_balancer.proto

import type { WorkerInfo as _minifaas_v1_WorkerInfo, WorkerInfo__Output as _minifaas_v1_WorkerInfo__Output } from '../../minifaas/v1/WorkerInfo.js';

export interface Lease {
  'leaseId'?: (string);
  'worker'?: (_minifaas_v1_WorkerInfo | null);
  /**
   * Time spent waiting for the worker.
   */
  'waitedMs'?: (number | string);
}

export interface Lease__Output {
  'leaseId': (string);
  'worker': (_minifaas_v1_WorkerInfo__Output | null);
  /**
   * Time spent waiting for the worker.
   */
  'waitedMs': (number);
}
