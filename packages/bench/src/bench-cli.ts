import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startStack, type Stack } from '@minifaas/stack';
import { cliArgs } from './args.js';
import { runBench, type BenchPlan } from './bench.js';
import { renderReport } from './report.js';
import { RssSampler } from './rss-sampler.js';

const ROOT_DIR = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const USAGE = 'usage: pnpm bench [-- --quick] [--url URL [--data-dir DIR]] [--duration S] [--lang c,js,…] [--workers N] [--strategy RR]';

const { values } = parseArgs({
  args: cliArgs(),
  options: {
    quick: { type: 'boolean', default: false },
    url: { type: 'string' },
    'data-dir': { type: 'string' },
    duration: { type: 'string' },
    lang: { type: 'string' },
    workers: { type: 'string', default: '4' },
    strategy: { type: 'string', default: 'RR' },
    'from-source': { type: 'boolean' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);
const quick = values.quick;
const stack = values.url ? undefined : await startOwnStack();
const url = values.url ?? stack?.url ?? '';
const plan: BenchPlan = {
  url,
  dataDir: values['data-dir'] ?? stack?.dataDir,
  rootDir: ROOT_DIR,
  warmDurationS: Number(values.duration ?? (quick ? 2 : 10)),
  floorCalls: quick ? 200 : 2000,
  ceilingSamples: quick ? 3 : 10,
  spawnSamples: quick ? 5 : 30,
  ...(values.lang ? { languages: values.lang.split(',') } : {}),
};

const sampler = new RssSampler(() => (stack?.services ?? []).map((s) => ({ name: s.spec.name, pid: s.pid })));
try {
  const { languages, c } = await runBench(plan, progress);
  const rss = sampler.stop();
  console.log(renderReport(languages, c, rss));
  const file = writeResults({ plan, stackStartedHere: Boolean(stack), languages, c, rss });
  console.log(`\nfigures written to ${file}`);
} finally {
  sampler.stop();
  if (stack) await stopOwnStack(stack);
}

async function startOwnStack(): Promise<Stack> {
  const socketDir = mkdtempSync(join(tmpdir(), 'mf-bench-s-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'mf-bench-d-'));
  // A clean clone has no dist yet: run the services from their sources then.
  const fromSource = values['from-source'] ?? !existsSync(join(ROOT_DIR, 'apps', 'gateway', 'dist', 'main.js'));
  progress(`starting ${values.workers} workers (${values.strategy}, ${fromSource ? 'sources' : 'dist'})`);
  const stack = await startStack({
    rootDir: ROOT_DIR,
    env: { ...process.env, FAAS_LOG_FORMAT: 'json', FAAS_LOG_LEVEL: process.env['FAAS_LOG_LEVEL'] ?? 'warn' },
    workers: Number(values.workers),
    strategy: values.strategy,
    httpPort: 0,
    socketDir,
    dataDir,
    fromSource,
  });
  progress(`stack ready at ${stack.url}`);
  return stack;
}

async function stopOwnStack(stack: Stack): Promise<void> {
  await stack.stop();
  rmSync(stack.socketDir, { recursive: true, force: true });
  rmSync(stack.dataDir, { recursive: true, force: true });
}

function writeResults(figures: object): string {
  const dir = join(ROOT_DIR, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, memoryMiB: Math.round(totalmem() / 2 ** 20), kernel: release(), node: process.version };
  writeFileSync(file, `${JSON.stringify({ when: new Date().toISOString(), quick, machine, ...figures }, null, 2)}\n`);
  return file;
}
