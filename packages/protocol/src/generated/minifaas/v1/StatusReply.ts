// Original file: ../../protos/minifaas/v1/dispatcher.proto

import type { ListWorkersReply as _minifaas_v1_ListWorkersReply, ListWorkersReply__Output as _minifaas_v1_ListWorkersReply__Output } from '../../minifaas/v1/ListWorkersReply.js';

export interface StatusReply {
  /**
   * Invocations accepted and not yet started on a worker.
   */
  'queued'?: (number);
  'queueLimit'?: (number);
  'loadBalancer'?: (_minifaas_v1_ListWorkersReply | null);
}

export interface StatusReply__Output {
  /**
   * Invocations accepted and not yet started on a worker.
   */
  'queued': (number);
  'queueLimit': (number);
  'loadBalancer': (_minifaas_v1_ListWorkersReply__Output | null);
}
