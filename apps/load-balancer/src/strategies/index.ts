import { Fifo } from './fifo.js';
import { RoundRobin } from './round-robin.js';
import type { Strategy } from './strategy.js';
import { Weighted } from './weighted.js';

export type { Strategy, WorkerView } from './strategy.js';
export { Fifo, RoundRobin, Weighted };

export const STRATEGY_NAMES = ['RR', 'FIFO', 'WEIGHTED'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

export function createStrategy(name: StrategyName): Strategy {
  switch (name) {
    case 'RR':
      return new RoundRobin();
    case 'FIFO':
      return new Fifo();
    case 'WEIGHTED':
      return new Weighted();
  }
}
