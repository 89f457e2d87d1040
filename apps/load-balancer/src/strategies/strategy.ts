/** What a strategy sees of one registered worker. */
export interface WorkerView {
  readonly id: string;
  readonly weight: number;
  readonly state: 'idle' | 'busy';
  /** When the worker last became idle (ms since epoch); orders idle workers for FIFO. */
  readonly idleSinceMs: number;
}

/**
 * Picks the worker an invocation goes to, at the moment it arrives. Returning a busy worker makes
 * the invocation wait for that worker; returning `undefined` means "the first worker that is
 * idle", in arrival order.
 */
export interface Strategy {
  readonly name: string;
  choose(workers: readonly WorkerView[], functionId: string): WorkerView | undefined;
  /** Forget per-worker state when a worker leaves. */
  forget?(workerId: string): void;
  /** Told of every lease, whichever way the worker was picked (a strategy that learns from them). */
  recordGrant?(workerId: string, functionId: string): void;
}
