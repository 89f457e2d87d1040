// Original file: ../../protos/minifaas/v1/common.proto

import type { Outcome as _minifaas_v1_Outcome, Outcome__Output as _minifaas_v1_Outcome__Output } from '../../minifaas/v1/Outcome.js';

export interface InvokeResult {
  'outcome'?: (_minifaas_v1_Outcome);
  'exitCode'?: (number);
  'stdout'?: (Buffer | Uint8Array | string);
  'stderr'?: (Buffer | Uint8Array | string);
  'stdoutTruncated'?: (boolean);
  'stderrTruncated'?: (boolean);
  /**
   * Time the guest ran, measured on the worker.
   */
  'durationMs'?: (number | string);
  'workerId'?: (string);
  /**
   * Runtime's own words when the guest crashed (trap kind, signal).
   */
  'detail'?: (string);
  /**
   * True when the worker had to load the function for this call.
   */
  'cold'?: (boolean);
}

export interface InvokeResult__Output {
  'outcome': (_minifaas_v1_Outcome__Output);
  'exitCode': (number);
  'stdout': (Buffer);
  'stderr': (Buffer);
  'stdoutTruncated': (boolean);
  'stderrTruncated': (boolean);
  /**
   * Time the guest ran, measured on the worker.
   */
  'durationMs': (number);
  'workerId': (string);
  /**
   * Runtime's own words when the guest crashed (trap kind, signal).
   */
  'detail': (string);
  /**
   * True when the worker had to load the function for this call.
   */
  'cold': (boolean);
}
