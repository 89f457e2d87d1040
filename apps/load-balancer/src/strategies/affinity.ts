import type { Strategy, WorkerView } from './strategy.js';

/** Grants remembered to measure each worker's recent load. */
const RECENT_GRANTS = 100;
/**
 * Functions remembered as warm per worker, least recently granted dropped first. Mirrors the
 * worker's own module cache (FAAS_WORKER_MAX_MODULES, default 64); a worker with a smaller cache
 * only makes this a hint that is sometimes wrong, which costs a module load, not a failure.
 */
const WARM_PER_WORKER = 64;

/**
 * Sends a function's calls to an idle worker that ran it last (its module is loaded there),
 * spills to another idle worker when those are busy, and keeps every worker under twice the
 * mean load: load is a worker's share of the last RECENT_GRANTS grants, and a worker whose next
 * grant would put it over twice the mean is passed over while others can take the call.
 *
 * When every worker is busy the call goes to whichever frees first (like FIFO). Waiting for one
 * particular warm worker costs more than a load, all the more as deploys prepare the module on
 * every worker; and with every worker busy, each takes the next call as it frees, so none can
 * run ahead of the others.
 *
 * What is warm where is learned from the grants themselves (`recordGrant`), so it is a view of the
 * past: a worker that was replaced is forgotten when it leaves.
 */
export class Affinity implements Strategy {
  readonly name = 'AFFINITY';
  /** Per worker: function id -> sequence number of its last grant there, oldest first. */
  readonly #warm = new Map<string, Map<string, number>>();
  readonly #recent: string[] = [];
  readonly #load = new Map<string, number>();
  #sequence = 0;

  choose(workers: readonly WorkerView[], functionId: string): WorkerView | undefined {
    const idle = workers.filter((w) => w.state === 'idle');
    if (idle.length === 0) return undefined;
    const withinBound = (w: WorkerView) => (this.#load.get(w.id) ?? 0) + 1 <= this.#maxLoad(workers.length);

    // 1. an idle worker where the function ran, the most recent first
    const candidates = idle.filter(withinBound);
    const warm = this.#mostRecentFor(candidates, functionId);
    if (warm) return warm;
    // 2. spill: the least loaded idle worker
    if (candidates.length > 0) return this.#leastLoaded(candidates);
    // 3. every idle worker is at the bound: wait for one below it, warm if possible
    const others = workers.filter(withinBound);
    return this.#mostRecentFor(others, functionId) ?? this.#leastLoaded(others);
  }

  recordGrant(workerId: string, functionId: string): void {
    // 1. the function is now warm on this worker
    let warm = this.#warm.get(workerId);
    if (!warm) this.#warm.set(workerId, (warm = new Map()));
    warm.delete(functionId);
    warm.set(functionId, ++this.#sequence);
    if (warm.size > WARM_PER_WORKER) warm.delete(warm.keys().next().value as string);

    // 2. one more grant in the window of recent load
    this.#recent.push(workerId);
    this.#load.set(workerId, (this.#load.get(workerId) ?? 0) + 1);
    if (this.#recent.length > RECENT_GRANTS) this.#unload(this.#recent.shift() as string);
  }

  forget(workerId: string): void {
    this.#warm.delete(workerId);
    this.#load.delete(workerId);
    for (let i = this.#recent.length - 1; i >= 0; i--) {
      if (this.#recent[i] === workerId) this.#recent.splice(i, 1);
    }
  }

  /**
   * The most grants of the recent window (counting the one being chosen) a worker may hold:
   * twice the mean. At least 2, so that a function's second call can still go where its first
   * ran while the window is nearly empty (twice the mean of two grants over four workers is 1).
   */
  #maxLoad(workerCount: number): number {
    return Math.max(2, (2 * (this.#recent.length + 1)) / workerCount);
  }

  #mostRecentFor(workers: readonly WorkerView[], functionId: string): WorkerView | undefined {
    let best: WorkerView | undefined;
    let bestSequence = 0;
    for (const w of workers) {
      const sequence = this.#warm.get(w.id)?.get(functionId) ?? 0;
      if (sequence > bestSequence) {
        best = w;
        bestSequence = sequence;
      }
    }
    return best;
  }

  #leastLoaded(workers: readonly WorkerView[]): WorkerView | undefined {
    let best: WorkerView | undefined;
    for (const w of workers) {
      if (!best || (this.#load.get(w.id) ?? 0) < (this.#load.get(best.id) ?? 0)) best = w;
    }
    return best;
  }

  #unload(workerId: string): void {
    const load = (this.#load.get(workerId) ?? 0) - 1;
    if (load > 0) this.#load.set(workerId, load);
    else this.#load.delete(workerId);
  }
}
