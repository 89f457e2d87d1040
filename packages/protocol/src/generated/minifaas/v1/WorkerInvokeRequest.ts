// Original file: ../../protos/minifaas/v1/worker.proto

import type { FunctionRef as _minifaas_v1_FunctionRef, FunctionRef__Output as _minifaas_v1_FunctionRef__Output } from '../../minifaas/v1/FunctionRef.js';

export interface WorkerInvokeRequest {
  'invocationId'?: (string);
  'function'?: (_minifaas_v1_FunctionRef | null);
  /**
   * The function's stdin, exactly as the caller sent it.
   */
  'stdin'?: (Buffer | Uint8Array | string);
  /**
   * Variables of this one call (see DispatchRequest.env). Never logged.
   */
  'env'?: ({[key: string]: string});
}

export interface WorkerInvokeRequest__Output {
  'invocationId': (string);
  'function': (_minifaas_v1_FunctionRef__Output | null);
  /**
   * The function's stdin, exactly as the caller sent it.
   */
  'stdin': (Buffer);
  /**
   * Variables of this one call (see DispatchRequest.env). Never logged.
   */
  'env': ({[key: string]: string});
}
