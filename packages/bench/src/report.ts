import type { CFigures, LanguageFigures } from './bench.js';
import type { LoadFigures } from './load.js';
import type { MemoryRunFigures } from './memory-run.js';
import type { RssFigures } from './rss-sampler.js';
import { ratio } from './stats.js';
import { workersPerFunction, type StrategyRun } from './strategy-comparison.js';
import { renderTable } from './table.js';

export interface BenchReport {
  languages: readonly LanguageFigures[];
  c: CFigures | undefined;
  rss: Record<string, RssFigures>;
  memory?: MemoryRunFigures;
  strategies?: readonly StrategyRun[];
}

/** The human-readable report of one bench run. */
export function renderReport({ languages, c, rss, memory, strategies }: BenchReport): string {
  const sections = [`Through the gateway (warm = closed loop of 1 and of 16 connections)\n${languageTable(languages)}`];
  const floored = languages.filter((l) => l.floor);
  if (floored.length > 0) sections.push(`WASM: chain vs the same module run in this process (floor)\n${floorTable(floored)}`);
  const spawned = languages.filter((l) => l.bareSpawn);
  if (spawned.length > 0) sections.push(`Interpreted languages: chain vs a bare per-call spawn of the same interpreter\n${spawnTable(spawned)}`);
  if (c) sections.push(`C, same module.wasm: chain vs floor vs ceiling\n${cTable(languages, c)}\n\n${ratioTable(languages, c, memory)}`);
  if (memory) sections.push(`C, ${memory.load.requests} requests at c${memory.load.concurrency} after ${memory.warmUpRequests} to warm up\n${memoryTable(memory)}`);
  if (strategies?.length) sections.push(`Strategies, mixed load of ${strategyFunctions(strategies)} functions, fresh workers each\n${strategyTable(strategies)}`);
  if (Object.keys(rss).length > 0) sections.push(`RSS per service during the language runs (MiB)\n${rssTable(rss)}`);
  return sections.join('\n\n');
}

function languageTable(languages: readonly LanguageFigures[]): string {
  const rows = languages.map((l) =>
    l.skipped
      ? [l.lang, `skipped: ${l.skipped}`]
      : [
          l.lang,
          l.deployMs,
          l.compileMs,
          l.firstInvoke?.ms,
          l.redeployFirstInvoke?.ms,
          l.warm1?.latency.p50Ms,
          l.warm1?.latency.p99Ms,
          l.warm16?.latency.p50Ms,
          l.warm16?.latency.p99Ms,
          l.warm16?.throughputRps,
          failures(l),
          spread(l.warm16?.workers ?? {}),
        ],
  );
  const header = ['lang', 'deploy ms', 'compile ms', 'first ms', 'first again ms', 'c1 p50', 'c1 p99', 'c16 p50', 'c16 p99', 'c16 req/s', 'errors', 'c16 calls per worker'];
  return renderTable(header, rows);
}

function floorTable(languages: readonly LanguageFigures[]): string {
  const rows = languages.map((l) => [
    l.lang,
    l.warm1?.latency.p50Ms,
    l.floor?.latency.p50Ms,
    l.floor?.latency.p99Ms,
    l.floor?.sequentialRps,
    l.floor?.cpuMsPerCall,
    l.chainP50OverFloorP50,
  ]);
  return renderTable(['lang', 'chain c1 p50', 'floor p50', 'floor p99', 'floor req/s', 'floor cpu ms/call', 'chain/floor p50'], rows);
}

function spawnTable(languages: readonly LanguageFigures[]): string {
  const rows = languages.map((l) => [
    l.lang,
    l.warm1?.latency.p50Ms,
    l.bareSpawn?.latency.p50Ms,
    l.bareSpawn?.latency.p99Ms,
    l.chainP50OverBareSpawnP50,
    l.bareSpawn?.samples,
    l.bareSpawn?.command,
  ]);
  return renderTable(['lang', 'chain c1 p50', 'bare spawn p50', 'bare spawn p99', 'chain/bare p50', 'samples', 'command'], rows);
}

function cTable(languages: readonly LanguageFigures[], c: CFigures): string {
  const chain = languages.find((l) => l.lang === 'c');
  const rows = [
    ['chain (gateway, c=1)', chain?.warm1?.latency.p50Ms, chain?.warm1?.latency.p99Ms, chain?.warm1?.throughputRps, chain?.warm1?.requests],
    ['chain (gateway, c=16)', chain?.warm16?.latency.p50Ms, chain?.warm16?.latency.p99Ms, chain?.warm16?.throughputRps, chain?.warm16?.requests],
    ['floor (in-process, sequential)', c.floor.latency.p50Ms, c.floor.latency.p99Ms, c.floor.sequentialRps, c.floor.calls],
    ['ceiling (fresh node per call)', c.ceiling.latency.p50Ms, c.ceiling.latency.p99Ms, null, c.ceiling.samples],
  ];
  return renderTable(['path', 'p50 ms', 'p99 ms', 'req/s', 'samples'], rows);
}

/** The targets for C hello, each with this run's figure. */
function ratioTable(languages: readonly LanguageFigures[], c: CFigures, memory: MemoryRunFigures | undefined): string {
  const r = c.ratios;
  const cLang = languages.find((l) => l.lang === 'c');
  const long = memory?.load;
  const rows: unknown[][] = [
    ['chain c1 p50 / floor p50', r.chainP50OverFloorP50, '<= 2'],
    ['chain c16 req/s / floor sequential req/s', r.chainRps16OverFloorSequentialRps, '>= 1'],
    ['chain c16 p99 / c16 p50', r.chainP99OverP50At16, '<= 3'],
    ['ceiling p50 / chain c1 p50', r.ceilingP50OverChainP50, '>= 50'],
    ['first call after a deploy into the running stack, ms', cLang?.redeployFirstInvoke?.ms, '< 50'],
    ['first call after the first deploy of a fresh stack, ms', cLang?.firstInvoke?.ms, '(< 50)'],
  ];
  if (long) {
    rows.push([`long run: c16 p99 / c16 p50 (${long.requests} requests)`, ratio(long.latency.p99Ms, long.latency.p50Ms), '<= 3']);
    rows.push(['long run: errors', long.non2xx + long.errors + long.timeouts, '0']);
    rows.push(['long run: largest worker RSS growth after warm-up, %', memory.maxGrowthPct, '< 10']);
  }
  return renderTable(['ratio', 'value', 'target'], rows);
}

function memoryTable(memory: MemoryRunFigures): string {
  const l = memory.load;
  const summary = renderTable(
    ['requests', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'req/s', 'errors', 'calls per worker'],
    [[l.requests, l.latency.p50Ms, l.latency.p90Ms, l.latency.p99Ms, l.latency.maxMs, l.throughputRps, l.non2xx + l.errors + l.timeouts, spread(l.workers)]],
  );
  const rows = Object.entries(memory.workers).map(([name, w]) => [name, w.afterWarmUpMiB, w.afterRunMiB, w.peakMiB, w.growthPct, w.replaced ? 'replaced' : '']);
  const memoryRows = renderTable(['worker', 'RSS after warm-up', 'after run', 'peak', 'growth %', ''], rows);
  return `${summary}\n\n${memoryRows}\n\nCPU time per request (ms, all threads)\n${cpuTable(memory.cpuMsPerRequest)}`;
}

/** Where the CPU goes: each service's share of one request, then the sum. */
function cpuTable(cpuMsPerRequest: Record<string, number>): string {
  const entries = Object.entries(cpuMsPerRequest);
  const total = entries.reduce((sum, [, ms]) => sum + ms, 0);
  const rows = entries.map(([name, ms]) => [name, ms, `${((100 * ms) / Math.max(total, 1e-9)).toFixed(1)}%`]);
  rows.push(['total', Math.round(total * 1000) / 1000, '100%']);
  return renderTable(['process', 'ms', 'share'], rows);
}

function strategyTable(runs: readonly StrategyRun[]): string {
  const row = (strategy: string, f: LoadFigures) => [
    strategy,
    f.concurrency,
    f.requests,
    f.latency.p50Ms,
    f.latency.p99Ms,
    f.throughputRps,
    f.non2xx + f.errors + f.timeouts,
    f.coldStarts,
    workersPerFunction(f),
    spread(f.workers),
  ];
  const rows = runs.flatMap((r) => [row(r.strategy, r.sequential), row(r.strategy, r.concurrent)]);
  return renderTable(['strategy', 'conc', 'requests', 'p50 ms', 'p99 ms', 'req/s', 'errors', 'cold', 'workers/fn', 'calls per worker'], rows);
}

function strategyFunctions(runs: readonly StrategyRun[]): number {
  return Object.keys(runs[0]?.concurrent.byFunction ?? {}).length;
}

function rssTable(rss: Record<string, RssFigures>): string {
  const rows = Object.entries(rss).map(([name, f]) => [name, f.firstMiB, f.peakMiB, f.lastMiB]);
  return renderTable(['service', 'first', 'peak', 'last'], rows);
}

function failures(l: LanguageFigures): number {
  const runs = [l.warm1, l.warm16];
  const first = [l.firstInvoke, l.redeployFirstInvoke].filter((f) => f && f.status !== 200).length;
  return first + runs.reduce((sum, r) => sum + (r ? r.non2xx + r.errors + r.timeouts : 0), 0);
}

function spread(workers: Record<string, number>): string {
  return Object.entries(workers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([w, n]) => `${w.replace(/^worker-/, 'w')}:${n}`)
    .join(' ');
}

