export { runLoad, type LoadFigures, type LoadOptions } from './load.js';
export { runBench, type BenchPlan, type CFigures, type LanguageFigures } from './bench.js';
export { measureFloor, type FloorFigures } from './floor.js';
export { timeSpawns, type SpawnFigures } from './spawn-timing.js';
export { RssSampler, type RssFigures } from './rss-sampler.js';
export { renderReport } from './report.js';
export { percentile, summarize, type LatencySummary } from './stats.js';
