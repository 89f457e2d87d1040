// Original file: ../../protos/minifaas/v1/load_balancer.proto

import type { WorkerInfo as _minifaas_v1_WorkerInfo, WorkerInfo__Output as _minifaas_v1_WorkerInfo__Output } from '../../minifaas/v1/WorkerInfo.js';

export interface RegisterRequest {
  'worker'?: (_minifaas_v1_WorkerInfo | null);
}

export interface RegisterRequest__Output {
  'worker': (_minifaas_v1_WorkerInfo__Output | null);
}
