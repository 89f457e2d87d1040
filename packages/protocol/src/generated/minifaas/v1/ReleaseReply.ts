// Original file: ../../protos/minifaas/v1/load_balancer.proto


export interface ReleaseReply {
}

export interface ReleaseReply__Output {
}
