import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findInterpreter, type Interpreter } from '@minifaas/worker';
import { measureFloor, type FloorFigures } from './floor.js';
import { EXAMPLES, type Example } from './examples.js';
import { timedPost, type TimedReply } from './gateway-client.js';
import { runLoad, type LoadFigures } from './load.js';
import { timeSpawns, type SpawnFigures } from './spawn-timing.js';
import { ratio, round } from './stats.js';

const RUN_ONCE_SCRIPT = fileURLToPath(new URL('../src/run-once.mjs', import.meta.url));
const STDIN = 'world';

export interface BenchPlan {
  url: string;
  /** Where the gateway's store keeps modules; without it the C floor and ceiling are skipped. */
  dataDir: string | undefined;
  rootDir: string;
  warmDurationS: number;
  floorCalls: number;
  ceilingSamples: number;
  spawnSamples: number;
  languages?: readonly string[];
}

export interface LanguageFigures {
  lang: string;
  id?: string;
  /** Why the language was not measured (a missing toolchain, a failed deploy). */
  skipped?: string;
  deployMs?: number;
  compileMs?: number;
  firstInvoke?: FirstInvoke;
  /**
   * The same source deployed again under another name once the stack has served calls, and its
   * first call: a deploy into a running system, without the start-up of the first ever call.
   */
  redeployFirstInvoke?: FirstInvoke;
  warm1?: LoadFigures;
  warm16?: LoadFigures;
  bareSpawn?: SpawnFigures;
  /** WASM languages: the same module.wasm run in this process (the floor), and chain/floor. */
  floor?: FloorFigures;
  chainP50OverFloorP50?: number | null;
  /** Interpreted languages: chain c1 p50 / bare spawn p50. */
  chainP50OverBareSpawnP50?: number | null;
}

export interface FirstInvoke {
  ms: number;
  status: number;
  cold: unknown;
  worker: unknown;
}

export interface CFigures {
  id: string;
  modulePath: string;
  floor: FloorFigures;
  ceiling: SpawnFigures;
  ratios: {
    chainP50OverFloorP50: number | null;
    chainRps16OverFloorSequentialRps: number | null;
    chainP99OverP50At16: number | null;
    ceilingP50OverChainP50: number | null;
  };
}

/**
 * Deploys every example and measures it through the gateway; WASM languages also against their
 * floor, C against its ceiling too.
 */
export async function runBench(plan: BenchPlan, progress: (line: string) => void): Promise<{ languages: LanguageFigures[]; c?: CFigures }> {
  const wanted = EXAMPLES.filter((e) => !plan.languages || plan.languages.includes(e.lang));
  const languages: LanguageFigures[] = [];
  for (const example of wanted) {
    progress(`${example.lang}: deploying`);
    const figures = await measureLanguage(plan, example);
    progress(`${example.lang}: ${figures.skipped ? `skipped (${figures.skipped})` : 'done'}`);
    languages.push(figures);
  }
  for (const figures of languages) {
    if (figures.skipped || !figures.id || !plan.dataDir || !WASM_LANGUAGES.has(figures.lang)) continue;
    progress(`${figures.lang}: floor (the same module in this process with @wasmer/sdk)`);
    figures.floor = await measureFloor(modulePath(plan, figures.id), plan.floorCalls, STDIN);
    figures.chainP50OverFloorP50 = ratio(figures.warm1?.latency.p50Ms ?? 0, figures.floor.latency.p50Ms);
  }
  const c = languages.find((l) => l.lang === 'c' && !l.skipped);
  if (!c?.floor) return { languages };
  progress('c: ceiling (fresh process per call)');
  return { languages, c: await measureC(plan, c, c.floor) };
}

const WASM_LANGUAGES = new Set(['c', 'rust', 'go']);

function modulePath(plan: BenchPlan, id: string): string {
  return join(plan.dataDir ?? '', 'functions', id, 'module.wasm');
}

async function measureLanguage(plan: BenchPlan, example: Example): Promise<LanguageFigures> {
  // 1. deploy (compiles C/Rust/Go)
  const source = await readFile(join(plan.rootDir, 'examples', example.file));
  const deployed = await timedPost(`${plan.url}/deploy?name=bench-${example.lang}&lang=${example.lang}`, source);
  if (deployed.status !== 201) {
    return { lang: example.lang, skipped: `deploy answered ${deployed.status} ${String(deployed.body['code'] ?? deployed.body['error'])}` };
  }
  const id = String(deployed.body['id']);
  const figures: LanguageFigures = { lang: example.lang, id, deployMs: round(deployed.ms), compileMs: Number(deployed.body['compileMs'] ?? 0) };

  // 2. the first call after the deploy
  const first = await timedPost(`${plan.url}/invoke?fn=${encodeURIComponent(id)}`, STDIN);
  figures.firstInvoke = describeFirst(first);

  // 3. warm, closed loops of 1 and 16
  const load = { url: plan.url, fn: id, durationS: plan.warmDurationS, data: STDIN };
  figures.warm1 = await runLoad({ ...load, concurrency: 1 });
  figures.warm16 = await runLoad({ ...load, concurrency: 16 });

  // 4. a second deploy into the now running stack, and its first call
  const again = await timedPost(`${plan.url}/deploy?name=bench-${example.lang}-again&lang=${example.lang}`, source);
  if (again.status === 201) {
    const firstAgain = await timedPost(`${plan.url}/invoke?fn=${encodeURIComponent(String(again.body['id']))}`, STDIN);
    figures.redeployFirstInvoke = describeFirst(firstAgain);
  }

  // 5. interpreted languages: a bare spawn of the same interpreter on the same source
  // The same interpreter and flags the worker picks (its own search), without containment.
  const interpreter = example.native && tryFindInterpreter(example.native);
  if (interpreter) {
    const script = join(plan.rootDir, 'examples', example.file);
    figures.bareSpawn = await timeSpawns(interpreter.path, [...interpreter.args, script], STDIN, plan.spawnSamples);
    figures.chainP50OverBareSpawnP50 = ratio(figures.warm1?.latency.p50Ms ?? 0, figures.bareSpawn.latency.p50Ms);
  }
  return figures;
}

async function measureC(plan: BenchPlan, c: LanguageFigures, floor: FloorFigures): Promise<CFigures> {
  const id = c.id ?? '';
  const path = modulePath(plan, id);
  const ceiling = await timeSpawns(process.execPath, [RUN_ONCE_SCRIPT, path, STDIN], '', plan.ceilingSamples);
  const chain1 = c.warm1?.latency.p50Ms ?? 0;
  return {
    id,
    modulePath: path,
    floor,
    ceiling,
    ratios: {
      chainP50OverFloorP50: ratio(chain1, floor.latency.p50Ms),
      chainRps16OverFloorSequentialRps: ratio(c.warm16?.throughputRps ?? 0, floor.sequentialRps),
      chainP99OverP50At16: ratio(c.warm16?.latency.p99Ms ?? 0, c.warm16?.latency.p50Ms ?? 0),
      ceilingP50OverChainP50: ratio(ceiling.latency.p50Ms, chain1),
    },
  };
}

function describeFirst(reply: TimedReply): FirstInvoke {
  return { ms: round(reply.ms), status: reply.status, cold: reply.body['cold'], worker: reply.body['worker'] };
}

function tryFindInterpreter(lang: NonNullable<Example['native']>): Interpreter | undefined {
  try {
    return findInterpreter(lang);
  } catch {
    return undefined;
  }
}
