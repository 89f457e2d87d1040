import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkHealth, socketPaths, unixTarget } from '@minifaas/protocol';
import { ServiceProcess, type ServiceSpec } from './service-process.js';

export interface StackOptions {
  /** The repository root (apps/<name>/dist/main.js are started from there). */
  rootDir: string;
  /** Environment for every service; FAAS_* settings come from here. */
  env?: Record<string, string | undefined>;
  workers?: number;
  /** Per-worker weights, e.g. [3, 1, 1, 1]; missing entries are 1. */
  weights?: number[];
  strategy?: string;
  socketDir: string;
  dataDir: string;
  httpHost?: string;
  /** 0 picks a free port; the chosen one is in `url`. */
  httpPort?: number;
  /** Run from TypeScript sources through tsx instead of the built dist (development). */
  fromSource?: boolean;
  /** Every log line of every service, e.g. to print it. */
  onLog?: (service: string, line: string) => void;
  /** Replace a worker that exits unexpectedly (default true). */
  restartWorkers?: boolean;
  readyTimeoutMs?: number;
}

export interface Stack {
  url: string;
  socketDir: string;
  dataDir: string;
  strategy: string;
  services: ServiceProcess[];
  workers: ServiceProcess[];
  stop(): Promise<void>;
}

const APPS_ORDER = ['load-balancer', 'dispatcher'] as const;

/**
 * Starts the load balancer, dispatcher, N workers and the gateway as separate processes, waits
 * until the gateway reports healthy, and returns how to reach and stop them.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const workers = options.workers ?? 4;
  const strategy = (options.strategy ?? 'RR').toUpperCase();
  mkdirSync(options.socketDir, { recursive: true });
  mkdirSync(options.dataDir, { recursive: true });
  const baseEnv: Record<string, string | undefined> = {
    ...options.env,
    FAAS_SOCKET_DIR: options.socketDir,
    FAAS_DATA_DIR: options.dataDir,
    FAAS_LB_STRATEGY: strategy,
    FAAS_HTTP_HOST: options.httpHost ?? options.env?.['FAAS_HTTP_HOST'] ?? '127.0.0.1',
    FAAS_HTTP_PORT: String(options.httpPort ?? options.env?.['FAAS_HTTP_PORT'] ?? 8080),
  };
  const entry = (app: string) =>
    options.fromSource
      ? ['--conditions=development', '--import', 'tsx', join(options.rootDir, 'apps', app, 'src', 'main.ts')]
      : [join(options.rootDir, 'apps', app, 'dist', 'main.js')];

  let gatewayUrl: ((url: string) => void) | undefined;
  const urlSeen = new Promise<string>((resolve) => (gatewayUrl = resolve));
  let stopping = false;
  const onLine = (spec: ServiceSpec, line: string) => {
    options.onLog?.(spec.name, line);
    // The gateway logs `listening {"url":...}` (pretty) or `"message":"listening",...` (JSON).
    const url = spec.name === 'gateway' ? /listening.*"url":"([^"]+)"/.exec(line)?.[1] : undefined;
    if (url) gatewayUrl?.(url);
  };
  const onExit = (service: ServiceProcess, code: number | null, signal: string | null) => {
    if (stopping) return;
    options.onLog?.(service.spec.name, JSON.stringify({ level: 'warn', message: 'process exited', code, signal }));
    if (options.restartWorkers === false || !service.spec.name.startsWith('worker-')) return;
    // A dead worker is replaced; the load balancer already dropped it when its stream broke.
    setTimeout(() => !stopping && service.start(), 250).unref();
  };
  const make = (name: string, app: string, env: Record<string, string | undefined> = {}) =>
    new ServiceProcess({ name, args: entry(app), env: { ...baseEnv, ...env }, cwd: options.rootDir }, onLine, onExit);

  const services: ServiceProcess[] = APPS_ORDER.map((app) => make(app, app));
  const workerProcs = Array.from({ length: workers }, (_, i) =>
    make(`worker-${i + 1}`, 'worker', { FAAS_WORKER_ID: `worker-${i + 1}`, FAAS_WORKER_WEIGHT: String(options.weights?.[i] ?? 1) }),
  );
  const gateway = make('gateway', 'gateway');
  const all = [...services, ...workerProcs, gateway];

  const stop = async () => {
    stopping = true;
    // Front to back, so in-flight work drains: gateway, dispatcher, workers, load balancer.
    await gateway.stop(15_000);
    await all.find((s) => s.spec.name === 'dispatcher')?.stop(15_000);
    await Promise.all(workerProcs.map((w) => w.stop(10_000)));
    await all.find((s) => s.spec.name === 'load-balancer')?.stop(5000);
    const sockets = socketPaths(options.socketDir);
    for (const path of [sockets.loadBalancer, sockets.dispatcher, ...workerProcs.map((w) => sockets.worker(w.spec.name))]) {
      rmSync(path, { force: true });
    }
  };

  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
    const sockets = socketPaths(options.socketDir);
    services[0]?.start();
    await waitFor(() => checkHealth(unixTarget(sockets.loadBalancer), 500), deadline, 'the load balancer');
    services[1]?.start();
    for (const w of workerProcs) w.start();
    await waitFor(() => checkHealth(unixTarget(sockets.dispatcher), 500), deadline, 'the dispatcher');
    gateway.start();
    const url = await Promise.race([urlSeen, rejectAt(deadline, 'the gateway did not start listening')]);
    await waitFor(() => healthy(url, workers), deadline, 'the gateway to report every worker');
    return { url, socketDir: options.socketDir, dataDir: options.dataDir, strategy, services: all, workers: workerProcs, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function healthy(url: string, workers: number): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`);
    const body = (await res.json()) as { workers?: number };
    return res.ok && (body.workers ?? 0) >= workers;
  } catch {
    return false;
  }
}

async function waitFor(check: () => Promise<boolean>, deadlineMs: number, what: string): Promise<void> {
  while (Date.now() < deadlineMs) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function rejectAt(deadlineMs: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), Math.max(0, deadlineMs - Date.now())).unref());
}
