// Original file: ../../protos/minifaas/v1/load_balancer.proto


export interface StrategyReply {
  'strategy'?: (string);
  'available'?: (string)[];
}

export interface StrategyReply__Output {
  'strategy': (string);
  'available': (string)[];
}
