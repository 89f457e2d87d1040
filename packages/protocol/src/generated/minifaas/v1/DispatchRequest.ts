// Original file: ../../protos/minifaas/v1/dispatcher.proto

import type { FunctionRef as _minifaas_v1_FunctionRef, FunctionRef__Output as _minifaas_v1_FunctionRef__Output } from '../../minifaas/v1/FunctionRef.js';

export interface DispatchRequest {
  'invocationId'?: (string);
  'function'?: (_minifaas_v1_FunctionRef | null);
  'stdin'?: (Buffer | Uint8Array | string);
  /**
   * Variables of this one call, set on top of the function's own env: the HTTP trigger's
   * CGI-style request variables (REQUEST_METHOD, QUERY_STRING, HTTP_*). Never logged.
   */
  'env'?: ({[key: string]: string});
}

export interface DispatchRequest__Output {
  'invocationId': (string);
  'function': (_minifaas_v1_FunctionRef__Output | null);
  'stdin': (Buffer);
  /**
   * Variables of this one call, set on top of the function's own env: the HTTP trigger's
   * CGI-style request variables (REQUEST_METHOD, QUERY_STRING, HTTP_*). Never logged.
   */
  'env': ({[key: string]: string});
}
