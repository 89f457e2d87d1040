import { STRATEGIES, type StrategyName } from '@minifaas/config';
import { Affinity } from './affinity.js';
import { Fifo } from './fifo.js';
import { RoundRobin } from './round-robin.js';
import type { Strategy } from './strategy.js';
import { Weighted } from './weighted.js';

export type { Strategy, WorkerView } from './strategy.js';
export { Affinity, Fifo, RoundRobin, Weighted };

/** The one list of strategy names, shared with config validation (FAAS_LB_STRATEGY). */
export const STRATEGY_NAMES = STRATEGIES;
export type { StrategyName };

export function createStrategy(name: StrategyName): Strategy {
  switch (name) {
    case 'RR':
      return new RoundRobin();
    case 'FIFO':
      return new Fifo();
    case 'WEIGHTED':
      return new Weighted();
    case 'AFFINITY':
      return new Affinity();
  }
}
