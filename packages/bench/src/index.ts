export { runLoad, type LoadFigures, type LoadOptions } from './load.js';
export { runBench, type BenchPlan, type CFigures, type LanguageFigures } from './bench.js';
export { measureFloor, type FloorFigures } from './floor.js';
export { timeSpawns, type SpawnFigures } from './spawn-timing.js';
export { RssSampler, type RssFigures } from './rss-sampler.js';
export { renderReport, type BenchReport } from './report.js';
export { runMemoryRun, type MemoryRunFigures, type MemoryRunOptions } from './memory-run.js';
export { compareStrategies, workersPerFunction, type StrategyRun } from './strategy-comparison.js';
export { percentile, summarize, type LatencySummary } from './stats.js';
