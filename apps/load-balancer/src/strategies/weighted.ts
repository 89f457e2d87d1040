import type { Strategy, WorkerView } from './strategy.js';

/**
 * Smooth weighted round robin: every pick adds each worker's weight to its running score, takes
 * the highest score and subtracts the total weight from it. Weights 3,1,1,1 give the sequence
 * a b a c d a, spread out rather than a a a b c d.
 */
export class Weighted implements Strategy {
  readonly name = 'WEIGHTED';
  readonly #score = new Map<string, number>();

  choose(workers: readonly WorkerView[]): WorkerView | undefined {
    let best: WorkerView | undefined;
    let bestScore = -Infinity;
    let total = 0;
    for (const w of workers) {
      const weight = Math.max(1, w.weight);
      total += weight;
      const score = (this.#score.get(w.id) ?? 0) + weight;
      this.#score.set(w.id, score);
      if (score > bestScore) {
        best = w;
        bestScore = score;
      }
    }
    if (best) this.#score.set(best.id, bestScore - total);
    return best;
  }

  forget(workerId: string): void {
    this.#score.delete(workerId);
  }
}
