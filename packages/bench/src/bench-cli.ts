import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { STRATEGIES } from '@minifaas/config';
import { startStack, type Stack } from '@minifaas/stack';
import { cliArgs } from './args.js';
import { runBench, type BenchPlan } from './bench.js';
import { runMemoryRun, type MemoryRunFigures } from './memory-run.js';
import { renderReport } from './report.js';
import { RssSampler } from './rss-sampler.js';
import { compareStrategies, type StrategyRun } from './strategy-comparison.js';

const ROOT_DIR = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const USAGE = `usage: pnpm bench [-- --quick | --smoke] [--url URL [--data-dir DIR]] [--duration S] [--lang c,js,…]
                  [--workers N] [--strategy RR] [--requests N] [--no-strategies]`;

const { values } = parseArgs({
  args: cliArgs(),
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    url: { type: 'string' },
    'data-dir': { type: 'string' },
    duration: { type: 'string' },
    lang: { type: 'string' },
    workers: { type: 'string', default: '4' },
    strategy: { type: 'string', default: 'RR' },
    requests: { type: 'string' },
    'no-strategies': { type: 'boolean', default: false },
    'from-source': { type: 'boolean' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

/** How long each phase runs: the full bench, --quick (a look), --smoke (CI: does it still run). */
const SIZES = {
  full: { warmS: 10, floorCalls: 2000, ceilingSamples: 10, spawnSamples: 30, warmUp: 1000, requests: 10_000, strategyS: 5 },
  quick: { warmS: 2, floorCalls: 200, ceilingSamples: 3, spawnSamples: 5, warmUp: 300, requests: 2000, strategyS: 2 },
  smoke: { warmS: 1, floorCalls: 50, ceilingSamples: 2, spawnSamples: 3, warmUp: 100, requests: 500, strategyS: 1 },
} as const;
const mode = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
const size = SIZES[mode];
const CONCURRENCY = 16;

const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);
const dirs = { dataDir: values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'mf-bench-d-')), socketDirs: [] as string[] };
const ownStack = !values.url;
let stack = ownStack ? await startOwnStack(values.strategy) : undefined;
const url = values.url ?? stack?.url ?? '';
const plan: BenchPlan = {
  url,
  dataDir: ownStack ? dirs.dataDir : values['data-dir'],
  rootDir: ROOT_DIR,
  warmDurationS: Number(values.duration ?? size.warmS),
  floorCalls: size.floorCalls,
  ceilingSamples: size.ceilingSamples,
  spawnSamples: size.spawnSamples,
  languages: values.lang?.split(',') ?? (mode === 'smoke' ? ['c', 'js'] : undefined),
};

const sampler = new RssSampler(() => (stack?.services ?? []).map((s) => ({ name: s.spec.name, pid: s.pid })));
try {
  // 1. every language through the gateway; WASM against its floor, C against its ceiling
  const { languages, c } = await runBench(plan, progress);
  const rss = sampler.stop();

  // 2. C for `requests` calls at c16: errors, tail and worker memory
  let memory: MemoryRunFigures | undefined;
  if (c && stack) {
    const requests = Number(values.requests ?? size.requests);
    progress(`c: ${requests} requests at c${CONCURRENCY} after ${size.warmUp} to warm up, watching worker RSS`);
    const { workers, services } = stack;
    memory = await runMemoryRun({
      url,
      fn: c.id,
      concurrency: CONCURRENCY,
      warmUpRequests: size.warmUp,
      requests,
      workers: () => workers.map((w) => ({ name: w.spec.name, pid: w.pid })),
      services: () => services.map((s) => ({ name: s.spec.name, pid: s.pid })),
    });
  }

  // 3. the four strategies under a mixed load, each on a fresh stack over the same functions
  let strategies: StrategyRun[] | undefined;
  const fns = languages.flatMap((l) => (l.id && !l.skipped ? [l.id] : []));
  if (stack && !values['no-strategies'] && fns.length > 0) {
    await stopOwnStack(stack);
    stack = undefined;
    strategies = await compareStrategies(
      {
        strategies: STRATEGIES,
        fns,
        concurrency: CONCURRENCY,
        durationS: size.strategyS,
        startStack: async (strategy) => {
          const started = await startOwnStack(strategy);
          return { url: started.url, stop: () => stopOwnStack(started) };
        },
      },
      progress,
    );
  }

  console.log(renderReport({ languages, c, rss, memory, strategies }));
  const file = writeResults({ mode, plan, stackStartedHere: ownStack, languages, c, rss, memory, strategies });
  console.log(`\nfigures written to ${file}`);
} finally {
  sampler.stop();
  if (stack) await stopOwnStack(stack);
  if (ownStack && !values['data-dir']) rmSync(dirs.dataDir, { recursive: true, force: true });
}

async function startOwnStack(strategy: string): Promise<Stack> {
  const socketDir = mkdtempSync(join(tmpdir(), 'mf-bench-s-'));
  // A clean clone has no dist yet: run the services from their sources then.
  const fromSource = values['from-source'] ?? !existsSync(join(ROOT_DIR, 'apps', 'gateway', 'dist', 'main.js'));
  progress(`starting ${values.workers} workers (${strategy}, ${fromSource ? 'sources' : 'dist'})`);
  const started = await startStack({
    rootDir: ROOT_DIR,
    env: { ...process.env, FAAS_LOG_FORMAT: 'json', FAAS_LOG_LEVEL: process.env['FAAS_LOG_LEVEL'] ?? 'warn' },
    workers: Number(values.workers),
    strategy,
    httpPort: 0,
    socketDir,
    dataDir: dirs.dataDir,
    fromSource,
  });
  progress(`stack ready at ${started.url}`);
  return started;
}

/** Stops a stack and removes its sockets; the data dir stays for the next stack. */
async function stopOwnStack(stopping: Stack): Promise<void> {
  await stopping.stop();
  rmSync(stopping.socketDir, { recursive: true, force: true });
}

function writeResults(figures: object): string {
  const dir = join(ROOT_DIR, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, memoryMiB: Math.round(totalmem() / 2 ** 20), kernel: release(), node: process.version };
  writeFileSync(file, `${JSON.stringify({ when: new Date().toISOString(), machine, ...figures }, null, 2)}\n`);
  return file;
}
