// Original file: ../../protos/minifaas/v1/common.proto

import type { FunctionRef as _minifaas_v1_FunctionRef, FunctionRef__Output as _minifaas_v1_FunctionRef__Output } from '../../minifaas/v1/FunctionRef.js';

/**
 * Asks for a deployed function's module to be loaded where it will run, before its first call.
 */
export interface PrepareRequest {
  'function'?: (_minifaas_v1_FunctionRef | null);
}

/**
 * Asks for a deployed function's module to be loaded where it will run, before its first call.
 */
export interface PrepareRequest__Output {
  'function': (_minifaas_v1_FunctionRef__Output | null);
}
