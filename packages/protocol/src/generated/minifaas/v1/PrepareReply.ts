// Original file: ../../protos/minifaas/v1/worker.proto


export interface PrepareReply {
  'workerId'?: (string);
  /**
   * True when the module was loaded by this request, false when it already was (or there is
   * nothing to load).
   */
  'loaded'?: (boolean);
  /**
   * Time the load took on the worker.
   */
  'durationMs'?: (number | string);
}

export interface PrepareReply__Output {
  'workerId': (string);
  /**
   * True when the module was loaded by this request, false when it already was (or there is
   * nothing to load).
   */
  'loaded': (boolean);
  /**
   * Time the load took on the worker.
   */
  'durationMs': (number);
}
