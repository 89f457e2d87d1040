import { runLoad, type LoadFigures } from './load.js';

export interface StrategyRun {
  strategy: string;
  /** Closed loops of 1 and of `concurrency` connections, each cycling through the functions. */
  sequential: LoadFigures;
  concurrent: LoadFigures;
}

export interface StrategyComparisonPlan {
  strategies: readonly string[];
  /** The functions of the mix, already deployed in the data dir every stack shares. */
  fns: readonly string[];
  concurrency: number;
  durationS: number;
  /** Starts a stack under one strategy over the shared data dir; returns its URL and a stop. */
  startStack: (strategy: string) => Promise<{ url: string; stop: () => Promise<void> }>;
}

/**
 * Runs the same mixed load under each strategy, each on a stack of its own whose workers start
 * with nothing loaded, so how a strategy places first calls (cold starts) counts too.
 */
export async function compareStrategies(plan: StrategyComparisonPlan, progress: (line: string) => void): Promise<StrategyRun[]> {
  const runs: StrategyRun[] = [];
  for (const strategy of plan.strategies) {
    progress(`strategies: ${strategy} (${plan.fns.length} functions, c1 and c${plan.concurrency}, ${plan.durationS} s each)`);
    const stack = await plan.startStack(strategy);
    try {
      const load = { url: stack.url, fn: plan.fns, durationS: plan.durationS };
      const sequential = await runLoad({ ...load, concurrency: 1 });
      const concurrent = await runLoad({ ...load, concurrency: plan.concurrency });
      runs.push({ strategy, sequential, concurrent });
    } finally {
      await stack.stop();
    }
  }
  return runs;
}

/** How many workers served each function, on average: 1 means perfect affinity. */
export function workersPerFunction(figures: LoadFigures): number | null {
  const perFunction = Object.values(figures.byFunction ?? {});
  if (perFunction.length === 0) return null;
  const total = perFunction.reduce((sum, workers) => sum + Object.keys(workers).length, 0);
  return Math.round((100 * total) / perFunction.length) / 100;
}
