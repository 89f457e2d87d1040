// Original file: ../../protos/minifaas/v1/dispatcher.proto


export interface StatusRequest {
}

export interface StatusRequest__Output {
}
