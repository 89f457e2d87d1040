// Original file: ../../protos/minifaas/v1/load_balancer.proto


export interface AcquireRequest {
  'invocationId'?: (string);
  'functionId'?: (string);
}

export interface AcquireRequest__Output {
  'invocationId': (string);
  'functionId': (string);
}
