// Original file: ../../protos/minifaas/v1/load_balancer.proto


export interface GetStrategyRequest {
}

export interface GetStrategyRequest__Output {
}
