// Original file: ../../protos/minifaas/v1/load_balancer.proto


export interface SetStrategyRequest {
  /**
   * One of StrategyReply.available, case-insensitive.
   */
  'strategy'?: (string);
}

export interface SetStrategyRequest__Output {
  /**
   * One of StrategyReply.available, case-insensitive.
   */
  'strategy': (string);
}
