import { readFile } from 'node:fs/promises';
import { Wasmer, type Process } from '@wasmer/sdk/node';
import { round, summarize, type LatencySummary } from './stats.js';

export interface FloorFigures {
  calls: number;
  loadMs: number;
  latency: LatencySummary;
  /** Calls per second, one after the other in one process. */
  sequentialRps: number;
  failures: number;
  /** CPU time of this process (every thread) per call. */
  cpuMsPerCall: number;
}

/** Untimed calls before the floor's own, as many as the workers make at start. */
const FLOOR_WARM_UP_CALLS = 3;

/**
 * The floor: the module loaded once in this process, then `calls` guests spawned one after the
 * other, each fed `stdin` and waited for (the same spawn/wait calls as the worker's runner).
 */
export async function measureFloor(modulePath: string, calls: number, stdin = 'world'): Promise<FloorFigures> {
  const loadStarted = performance.now();
  const wasmer = new Wasmer({ cache: false });
  await wasmer.ready();
  const pkg = await wasmer.packages.load(await readFile(modulePath));
  const sandbox = await wasmer.sandboxes.create({ packages: [pkg] });
  const loadMs = performance.now() - loadStarted;

  const input = new TextEncoder().encode(stdin);
  // The SDK starts its pool threads over the first calls (200-400 ms each on 2 cores); the
  // workers do that at start, so the floor does it before timing too.
  for (let i = 0; i < FLOOR_WARM_UP_CALLS; i++) {
    await runOnce(await sandbox.command(pkg).spawn({ stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' }), input);
  }
  const latenciesMs: number[] = [];
  let failures = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < calls; i++) {
    const callStarted = performance.now();
    const proc = await sandbox.command(pkg).spawn({ stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
    const exitCode = await runOnce(proc, input);
    latenciesMs.push(performance.now() - callStarted);
    if (exitCode !== 0) failures++;
  }
  const elapsedS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await sandbox.close();
  await wasmer.close();
  return {
    calls,
    loadMs: round(loadMs),
    latency: summarize(latenciesMs),
    sequentialRps: round(calls / elapsedS, 1),
    failures,
    cpuMsPerCall: round((cpu.user + cpu.system) / 1000 / calls, 3),
  };
}

async function runOnce(proc: Process, input: Uint8Array): Promise<number> {
  const streams = Promise.all([drain(proc.stdout), drain(proc.stderr)]);
  await proc.stdin?.write(input);
  await proc.stdin?.close();
  const out = await proc.wait({ check: false });
  await streams;
  return out.exitCode;
}

async function drain(stream: AsyncIterable<Uint8Array> | null): Promise<void> {
  if (!stream) return;
  for await (const _chunk of stream) {
    // Read and dropped: the worker reads its output too, so the floor must as well.
  }
}
