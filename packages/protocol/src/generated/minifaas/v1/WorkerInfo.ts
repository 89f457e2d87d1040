// Original file: ../../protos/minifaas/v1/load_balancer.proto


export interface WorkerInfo {
  'id'?: (string);
  /**
   * gRPC target of the worker, e.g. unix:///run/faas/worker-1.sock
   */
  'address'?: (string);
  'weight'?: (number);
  'pid'?: (number);
}

export interface WorkerInfo__Output {
  'id': (string);
  /**
   * gRPC target of the worker, e.g. unix:///run/faas/worker-1.sock
   */
  'address': (string);
  'weight': (number);
  'pid': (number);
}
