// Original file: ../../protos/minifaas/v1/common.proto

/**
 * How one run ended, as seen by the worker. Transport and platform failures are gRPC statuses
 * instead; these are all outcomes of the guest itself.
 */
export const Outcome = {
  OUTCOME_UNSPECIFIED: 'OUTCOME_UNSPECIFIED',
  /**
   * Exited with status 0.
   */
  OUTCOME_OK: 'OUTCOME_OK',
  /**
   * Exited with a non-zero status.
   */
  OUTCOME_EXIT_NONZERO: 'OUTCOME_EXIT_NONZERO',
  /**
   * WASM trap (panic, unreachable, out-of-bounds) or killed by a signal.
   */
  OUTCOME_CRASHED: 'OUTCOME_CRASHED',
  /**
   * Stopped at the invocation's deadline.
   */
  OUTCOME_TIMEOUT: 'OUTCOME_TIMEOUT',
  /**
   * Hit its memory cap.
   */
  OUTCOME_MEMORY_LIMIT: 'OUTCOME_MEMORY_LIMIT',
} as const;

/**
 * How one run ended, as seen by the worker. Transport and platform failures are gRPC statuses
 * instead; these are all outcomes of the guest itself.
 */
export type Outcome =
  | 'OUTCOME_UNSPECIFIED'
  | 0
  /**
   * Exited with status 0.
   */
  | 'OUTCOME_OK'
  | 1
  /**
   * Exited with a non-zero status.
   */
  | 'OUTCOME_EXIT_NONZERO'
  | 2
  /**
   * WASM trap (panic, unreachable, out-of-bounds) or killed by a signal.
   */
  | 'OUTCOME_CRASHED'
  | 3
  /**
   * Stopped at the invocation's deadline.
   */
  | 'OUTCOME_TIMEOUT'
  | 4
  /**
   * Hit its memory cap.
   */
  | 'OUTCOME_MEMORY_LIMIT'
  | 5

/**
 * How one run ended, as seen by the worker. Transport and platform failures are gRPC statuses
 * instead; these are all outcomes of the guest itself.
 */
export type Outcome__Output = typeof Outcome[keyof typeof Outcome]
