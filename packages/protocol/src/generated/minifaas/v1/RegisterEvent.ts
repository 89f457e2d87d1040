// Original file: ../../protos/minifaas/v1/load_balancer.proto


export interface RegisterEvent {
  /**
   * "registered" first; nothing else yet.
   */
  'kind'?: (string);
}

export interface RegisterEvent__Output {
  /**
   * "registered" first; nothing else yet.
   */
  'kind': (string);
}
