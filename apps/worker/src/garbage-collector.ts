import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Every @wasmer/sdk 0.16 spawn leaves native memory (~0.15 MiB) that is only given back when V8
 * collects the spawn's JS wrappers and their finalizers run. V8 sees a small JS heap and collects
 * rarely, so a worker's RSS climbed by ~75 MiB per 500 calls (168 -> 550 MiB over 6000 calls in
 * one worker); with a full collection every 100 calls it levels off near 250 MiB. Minor
 * collections do not free it. docs/performance.md has the reproduction.
 */
const GROWTH_BEFORE_COLLECT_BYTES = 16 * 1024 * 1024;

/**
 * Runs a full garbage collection after a run once RSS has grown GROWTH_BEFORE_COLLECT_BYTES past
 * where the last collection left it. A collection takes ~5-15 ms on the main thread, so it runs
 * in the next macrotask, after the run's reply has been handed to the socket.
 */
export class GarbageCollector {
  readonly #collect: (() => void) | undefined = exposeGc();
  #baselineBytes = process.memoryUsage.rss();
  #scheduled = false;

  /** Measures growth from now on (after start-up, which grows RSS by ~80 MiB on its own). */
  resetBaseline(): void {
    this.#baselineBytes = process.memoryUsage.rss();
  }

  afterRun(): void {
    if (!this.#collect || this.#scheduled) return;
    if (process.memoryUsage.rss() - this.#baselineBytes < GROWTH_BEFORE_COLLECT_BYTES) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#collect?.();
      this.#baselineBytes = process.memoryUsage.rss();
      this.#scheduled = false;
    });
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
