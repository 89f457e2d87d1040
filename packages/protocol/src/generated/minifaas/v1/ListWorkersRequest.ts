// Original file: ../../protos/minifaas/v1/load_balancer.proto


export interface ListWorkersRequest {
}

export interface ListWorkersRequest__Output {
}
