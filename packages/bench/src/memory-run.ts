import { cpuTimeMs } from './cpu-time.js';
import { runLoad, type LoadFigures } from './load.js';
import { readRssMiB } from './rss-sampler.js';
import { round } from './stats.js';

export interface MemoryRunOptions {
  url: string;
  fn: string;
  concurrency: number;
  /** Requests run first and not counted: modules load, heaps and pools reach their working size. */
  warmUpRequests: number;
  requests: number;
  /** The worker processes to watch, by name (a replaced worker keeps its name, not its pid). */
  workers: () => ReadonlyArray<{ name: string; pid: number | undefined }>;
  /** Every service, for the CPU time each spends per request. */
  services: () => ReadonlyArray<{ name: string; pid: number | undefined }>;
}

export interface WorkerMemory {
  afterWarmUpMiB: number;
  afterRunMiB: number;
  peakMiB: number;
  /** (after the run − after warm-up) / after warm-up, in percent. */
  growthPct: number;
  /** The process was replaced during the run, so its figures compare two processes. */
  replaced: boolean;
}

export interface MemoryRunFigures {
  warmUpRequests: number;
  load: LoadFigures;
  workers: Record<string, WorkerMemory>;
  maxGrowthPct: number | null;
  /** CPU time per request by service (all its threads), and for the load generator (this process). */
  cpuMsPerRequest: Record<string, number>;
}

/** Warms up, then runs `requests` calls of one function and reports each worker's RSS growth. */
export async function runMemoryRun(options: MemoryRunOptions): Promise<MemoryRunFigures> {
  const { url, fn, concurrency } = options;
  await runLoad({ url, fn, concurrency, amount: options.warmUpRequests });
  const before = snapshot(options.workers());
  const cpuBefore = cpuTimes(options.services());
  const ownCpuBefore = process.cpuUsage();
  const peaks = new Map<string, number>();
  const sampler = setInterval(() => {
    for (const [name, { mib }] of snapshot(options.workers())) peaks.set(name, Math.max(peaks.get(name) ?? 0, mib));
  }, 200);
  try {
    const load = await runLoad({ url, fn, concurrency, amount: options.requests });
    const ownCpu = process.cpuUsage(ownCpuBefore);
    const cpuAfter = cpuTimes(options.services());
    const after = snapshot(options.workers());
    const cpuMsPerRequest: Record<string, number> = {};
    for (const [name, startMs] of cpuBefore) {
      const endMs = cpuAfter.get(name);
      if (endMs !== undefined && load.requests > 0) cpuMsPerRequest[name] = round((endMs - startMs) / load.requests, 3);
    }
    cpuMsPerRequest['load generator'] = round((ownCpu.user + ownCpu.system) / 1000 / Math.max(1, load.requests), 3);
    const workers: Record<string, WorkerMemory> = {};
    for (const [name, start] of before) {
      const end = after.get(name);
      if (!end) continue;
      workers[name] = {
        afterWarmUpMiB: start.mib,
        afterRunMiB: end.mib,
        peakMiB: Math.max(peaks.get(name) ?? 0, end.mib),
        growthPct: round((100 * (end.mib - start.mib)) / start.mib, 1),
        replaced: start.pid !== end.pid,
      };
    }
    const growths = Object.values(workers).map((w) => w.growthPct);
    const maxGrowthPct = growths.length ? Math.max(...growths) : null;
    return { warmUpRequests: options.warmUpRequests, load, workers, maxGrowthPct, cpuMsPerRequest };
  } finally {
    clearInterval(sampler);
  }
}

function cpuTimes(targets: ReadonlyArray<{ name: string; pid: number | undefined }>): Map<string, number> {
  const seen = new Map<string, number>();
  for (const { name, pid } of targets) {
    const ms = pid === undefined ? undefined : cpuTimeMs(pid);
    if (ms !== undefined) seen.set(name, ms);
  }
  return seen;
}

function snapshot(targets: ReadonlyArray<{ name: string; pid: number | undefined }>): Map<string, { pid: number; mib: number }> {
  const seen = new Map<string, { pid: number; mib: number }>();
  for (const { name, pid } of targets) {
    const mib = pid === undefined ? undefined : readRssMiB(pid);
    if (pid !== undefined && mib !== undefined) seen.set(name, { pid, mib });
  }
  return seen;
}
