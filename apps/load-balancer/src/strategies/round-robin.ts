import type { Strategy, WorkerView } from './strategy.js';

/** The next live worker in registration order, busy or not; a busy choice is waited for. */
export class RoundRobin implements Strategy {
  readonly name = 'RR';
  #lastId: string | undefined;

  choose(workers: readonly WorkerView[]): WorkerView | undefined {
    if (workers.length === 0) return undefined;
    // Continue after the last chosen worker even if workers joined or left since.
    const last = workers.findIndex((w) => w.id === this.#lastId);
    const next = workers[(last + 1) % workers.length];
    this.#lastId = next?.id;
    return next;
  }
}
