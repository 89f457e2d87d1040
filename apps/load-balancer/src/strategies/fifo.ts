import type { Strategy } from './strategy.js';

/**
 * One queue in arrival order; each invocation goes to the first worker that is idle. Choosing
 * nothing up front lets the scheduler hand the head of the queue to whichever worker frees first.
 */
export class Fifo implements Strategy {
  readonly name = 'FIFO';

  choose(): undefined {
    return undefined;
  }
}
