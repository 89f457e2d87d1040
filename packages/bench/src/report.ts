import type { CFigures, LanguageFigures } from './bench.js';
import type { RssFigures } from './rss-sampler.js';
import { renderTable } from './table.js';

/** The human-readable report of one bench run. */
export function renderReport(languages: readonly LanguageFigures[], c: CFigures | undefined, rss: Record<string, RssFigures>): string {
  const sections = [`Through the gateway (warm = closed loop of 1 and of 16 connections)\n${languageTable(languages)}`];
  const spawned = languages.filter((l) => l.bareSpawn);
  if (spawned.length > 0) sections.push(`Interpreted languages: chain vs a bare per-call spawn of the same interpreter\n${spawnTable(spawned)}`);
  if (c) sections.push(`C, same module.wasm: chain vs floor vs ceiling\n${cTable(languages, c)}\n\n${ratioTable(c)}`);
  if (Object.keys(rss).length > 0) sections.push(`RSS per service (MiB)\n${rssTable(rss)}`);
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
          l.warm1?.latency.p50Ms,
          l.warm1?.latency.p99Ms,
          l.warm16?.latency.p50Ms,
          l.warm16?.latency.p99Ms,
          l.warm16?.throughputRps,
          failures(l),
          spread(l.warm16?.workers ?? {}),
        ],
  );
  const header = ['lang', 'deploy ms', 'compile ms', 'first ms', 'c1 p50', 'c1 p99', 'c16 p50', 'c16 p99', 'c16 req/s', 'errors', 'c16 calls per worker'];
  return renderTable(header, rows);
}

function spawnTable(languages: readonly LanguageFigures[]): string {
  const rows = languages.map((l) => [l.lang, l.warm1?.latency.p50Ms, l.bareSpawn?.latency.p50Ms, l.bareSpawn?.latency.p99Ms, l.bareSpawn?.samples, l.bareSpawn?.command]);
  return renderTable(['lang', 'chain c1 p50', 'bare spawn p50', 'bare spawn p99', 'samples', 'command'], rows);
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

function ratioTable(c: CFigures): string {
  const r = c.ratios;
  return renderTable(
    ['ratio', 'value', 'target'],
    [
      ['chain c1 p50 / floor p50', r.chainP50OverFloorP50, '<= 2'],
      ['chain c16 req/s / floor sequential req/s', r.chainRps16OverFloorSequentialRps, '>= 1'],
      ['chain c16 p99 / c16 p50', r.chainP99OverP50At16, '<= 3'],
      ['ceiling p50 / chain c1 p50', r.ceilingP50OverChainP50, '>= 50'],
    ],
  );
}

function rssTable(rss: Record<string, RssFigures>): string {
  const rows = Object.entries(rss).map(([name, f]) => [name, f.firstMiB, f.peakMiB, f.lastMiB]);
  return renderTable(['service', 'first', 'peak', 'last'], rows);
}

function failures(l: LanguageFigures): number {
  const runs = [l.warm1, l.warm16];
  const first = l.firstInvoke && l.firstInvoke.status !== 200 ? 1 : 0;
  return first + runs.reduce((sum, r) => sum + (r ? r.non2xx + r.errors + r.timeouts : 0), 0);
}

function spread(workers: Record<string, number>): string {
  return Object.entries(workers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([w, n]) => `${w.replace(/^worker-/, 'w')}:${n}`)
    .join(' ');
}
