// Original file: ../../protos/minifaas/v1/load_balancer.proto


export interface AcquireRequest {
  'invocationId'?: (string);
  'functionId'?: (string);
  /**
   * The dispatcher's bound on waiting invocations (FAAS_QUEUE_LIMIT): an invocation that cannot
   * start at once while this many already wait is refused with QUEUE_FULL. 0 means no bound.
   */
  'maxWaiting'?: (number);
}

export interface AcquireRequest__Output {
  'invocationId': (string);
  'functionId': (string);
  /**
   * The dispatcher's bound on waiting invocations (FAAS_QUEUE_LIMIT): an invocation that cannot
   * start at once while this many already wait is refused with QUEUE_FULL. 0 means no bound.
   */
  'maxWaiting': (number);
}
