// Original file: ../../protos/minifaas/v1/load_balancer.proto


export interface ReleaseRequest {
  'leaseId'?: (string);
  /**
   * The worker could not be reached or died while running: drop it from the registry.
   */
  'workerFailed'?: (boolean);
}

export interface ReleaseRequest__Output {
  'leaseId': (string);
  /**
   * The worker could not be reached or died while running: drop it from the registry.
   */
  'workerFailed': (boolean);
}
