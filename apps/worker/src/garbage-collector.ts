import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Every @wasmer/sdk 0.16 spawn leaves native memory (~0.15 MiB) that is only given back when V8
 * collects the spawn's JS wrappers and their finalizers run. V8 sees a small JS heap and collects
 * rarely, so a worker's RSS climbed by ~75 MiB per 500 calls (168 -> 550 MiB over 6000 calls in
 * one worker); with a full collection every 100 calls it levels off near 250 MiB. Minor
 * collections do not free it. docs/performance.md has the reproduction.
 */
export const GROWTH_BEFORE_COLLECT_BYTES = 16 * 1024 * 1024;
/**
 * A worker kept busy without a pause (every worker at concurrency 16) is never idle long enough:
 * past this growth the collection runs before the next guest starts instead.
 */
export const GROWTH_FORCING_COLLECT_BYTES = 3 * GROWTH_BEFORE_COLLECT_BYTES;
/**
 * How long a worker must sit idle after a run before a due collection runs. A collection takes
 * ~5-15 ms on the main thread (more in a young process). Run at once after a run (setImmediate),
 * it landed between the reply's message and its trailers and held the reply back: the first
 * call each worker of a fresh stack served took ~50 ms longer. Waiting for idle time makes it
 * free whenever the worker has a pause, which at low load is nearly always.
 */
export const IDLE_BEFORE_COLLECT_MS = 10;

export interface GarbageCollectorOptions {
  /** A full collection; default V8's own gc(). Undefined disables collecting. */
  collect?: (() => void) | undefined;
  /** Resident set size in bytes; default process.memoryUsage.rss. */
  rss?: () => number;
  idleMs?: number;
}

/**
 * Runs a full garbage collection once RSS has grown GROWTH_BEFORE_COLLECT_BYTES past where the
 * last collection left it: when the worker has been idle for IDLE_BEFORE_COLLECT_MS after a run,
 * or, past GROWTH_FORCING_COLLECT_BYTES, before the next run starts.
 */
export class GarbageCollector {
  readonly #collect: (() => void) | undefined;
  readonly #rss: () => number;
  readonly #idleMs: number;
  #baselineBytes: number;
  #idleTimer: NodeJS.Timeout | undefined;
  #collections = 0;

  constructor(options: GarbageCollectorOptions = {}) {
    this.#collect = 'collect' in options ? options.collect : exposeGc();
    this.#rss = options.rss ?? (() => process.memoryUsage.rss());
    this.#idleMs = options.idleMs ?? IDLE_BEFORE_COLLECT_MS;
    this.#baselineBytes = this.#rss();
  }

  /** How many collections have run (for tests and the bench's figures). */
  get collections(): number {
    return this.#collections;
  }

  /** Measures growth from now on (after start-up, which grows RSS by ~80 MiB on its own). */
  resetBaseline(): void {
    this.#baselineBytes = this.#rss();
  }

  /** Called as a run starts: the worker is no longer idle. */
  beforeRun(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    if (this.#growth() >= GROWTH_FORCING_COLLECT_BYTES) this.#run();
  }

  /** Called as a run ends: a due collection waits for the worker to be idle. */
  afterRun(): void {
    if (!this.#collect || this.#idleTimer) return;
    if (this.#growth() < GROWTH_BEFORE_COLLECT_BYTES) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      this.#run();
    }, this.#idleMs);
    // A worker that is stopping need not wait for it.
    this.#idleTimer.unref();
  }

  #growth(): number {
    return this.#rss() - this.#baselineBytes;
  }

  #run(): void {
    if (!this.#collect) return;
    this.#collect();
    this.#collections++;
    this.#baselineBytes = this.#rss();
  }
}

/** V8's gc() without starting node with --expose-gc (the flag only adds the global to new contexts). */
function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
