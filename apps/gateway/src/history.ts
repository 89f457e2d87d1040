import { encodeBytes } from './encoding.js';

/** Invocations kept per function name, newest first. */
export const HISTORY_SIZE = 100;
/** Bytes of stderr kept per invocation: the end, where a crash's last words are. */
export const STDERR_KEEP_BYTES = 4096;

/** One finished invocation as `GET /function/NAME/invocations` shows it. */
export interface InvocationRecord {
  invocationId: string;
  /** The version that ran. */
  id: string;
  at: string;
  /** Time the guest ran on the worker; 0 when it never started. */
  durationMs: number;
  /** Time from arrival at the gateway to the answer. */
  totalMs: number;
  exitCode: number | null;
  /** OK, or the error code the caller got. */
  code: string;
  status: number;
  worker: string | null;
  cold: boolean;
  trigger: 'invoke' | 'http';
  stderr: string;
  stderrEncoding?: 'base64';
  /** True when stderr was cut, here or by the worker's output cap. */
  stderrCut: boolean;
}

/** Invocations and failures of one function since the gateway started. */
export interface InvocationTotals {
  invocations: number;
  errors: number;
}

/** Invocations shown across all functions (the dashboard's "recent" list). */
export const RECENT_SIZE = 50;

// TODO: the history lives in this process only, so a restarted gateway starts it empty and
// several gateways each show their own calls; it needs a shared store to outlive a restart.
/**
 * The last HISTORY_SIZE invocations of each function, the last RECENT_SIZE of all of them, and
 * counts since start, in memory only. Listeners hear of each invocation as it is added.
 */
export class InvocationHistory {
  readonly #byName = new Map<string, InvocationRecord[]>();
  readonly #totals = new Map<string, InvocationTotals>();
  readonly #recent: Array<InvocationRecord & { name: string }> = [];
  readonly #listeners = new Set<() => void>();

  add(name: string, record: InvocationRecord): void {
    const records = this.#byName.get(name) ?? [];
    records.unshift(record);
    if (records.length > HISTORY_SIZE) records.length = HISTORY_SIZE;
    this.#byName.set(name, records);

    const totals = this.#totals.get(name) ?? { invocations: 0, errors: 0 };
    totals.invocations++;
    if (record.code !== 'OK') totals.errors++;
    this.#totals.set(name, totals);

    this.#recent.unshift({ name, ...record });
    if (this.#recent.length > RECENT_SIZE) this.#recent.length = RECENT_SIZE;
    for (const listener of this.#listeners) listener();
  }

  totals(name: string): InvocationTotals {
    return { ...(this.#totals.get(name) ?? { invocations: 0, errors: 0 }) };
  }

  /** The last RECENT_SIZE invocations of every function, newest first. */
  recent(): ReadonlyArray<InvocationRecord & { name: string }> {
    return this.#recent;
  }

  /** Calls `listener` after every added invocation; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Newest first. */
  list(name: string): readonly InvocationRecord[] {
    return this.#byName.get(name) ?? [];
  }

  forget(name: string): void {
    this.#byName.delete(name);
    this.#totals.delete(name);
    for (let i = this.#recent.length - 1; i >= 0; i--) if (this.#recent[i]?.name === name) this.#recent.splice(i, 1);
  }
}

/** The last STDERR_KEEP_BYTES of stderr, starting on a whole UTF-8 character. */
export function keepStderr(stderr: Uint8Array, cutByWorker: boolean): Pick<InvocationRecord, 'stderr' | 'stderrEncoding' | 'stderrCut'> {
  let start = Math.max(0, stderr.length - STDERR_KEEP_BYTES);
  // Skip continuation bytes (10xxxxxx) so the kept part does not begin mid-character.
  while (start > 0 && start < stderr.length && ((stderr[start] ?? 0) & 0xc0) === 0x80) start++;
  const kept = encodeBytes(stderr.subarray(start));
  return {
    stderr: kept.text,
    ...(kept.encoding === 'base64' ? { stderrEncoding: 'base64' as const } : {}),
    stderrCut: start > 0 || cutByWorker,
  };
}
