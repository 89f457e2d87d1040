import { mkdirSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { silentLogger, type Logger } from '@minifaas/logger';
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
  /** Where the stack itself logs what happens to its processes (default: nowhere). */
  logger?: Logger;
  /** Replace a worker that exits unexpectedly (default true). */
  restartWorkers?: boolean;
  /**
   * Called when the gateway, dispatcher or load balancer exits on its own after the stack is up.
   * Nothing replaces them (a crash there is a bug to look at, not to paper over), so a launcher
   * should stop the rest and say so.
   */
  onServiceLost?: (service: string, code: number | null, signal: string | null) => void;
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
/** Pause before a worker that exited is started again (a little room against crash loops). */
const RESTART_DELAY_MS = 100;

/**
 * Starts the load balancer, dispatcher, N workers and the gateway as separate processes, waits
 * until the gateway reports healthy, and returns how to reach and stop them.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const workers = options.workers ?? 4;
  const strategy = (options.strategy ?? 'RR').toUpperCase();
  const httpHost = options.httpHost ?? options.env?.['FAAS_HTTP_HOST'] ?? '127.0.0.1';
  const requestedPort = Number(options.httpPort ?? options.env?.['FAAS_HTTP_PORT'] ?? 8080);
  const httpPort = requestedPort === 0 ? await freePort(httpHost) : requestedPort;
  // Refuse before starting anything, so a second launch cannot disturb a stack that runs already.
  if (await checkHealth(unixTarget(socketPaths(options.socketDir).loadBalancer), 500)) {
    throw new Error(
      `another minifaas is running with its sockets in ${options.socketDir}; stop it, or give this one its own FAAS_SOCKET_DIR`,
    );
  }
  if (requestedPort !== 0 && !(await portFree(httpHost, httpPort))) {
    throw new Error(`port ${httpPort} on ${httpHost} is in use; stop what listens there, or pick another FAAS_HTTP_PORT`);
  }
  mkdirSync(options.socketDir, { recursive: true });
  mkdirSync(options.dataDir, { recursive: true });
  const baseEnv: Record<string, string | undefined> = {
    ...options.env,
    FAAS_SOCKET_DIR: options.socketDir,
    FAAS_DATA_DIR: options.dataDir,
    FAAS_LB_STRATEGY: strategy,
    FAAS_HTTP_HOST: httpHost,
    FAAS_HTTP_PORT: String(httpPort),
  };
  const entry = (app: string) =>
    options.fromSource
      ? ['--conditions=development', '--import', 'tsx', join(options.rootDir, 'apps', app, 'src', 'main.ts')]
      : [join(options.rootDir, 'apps', app, 'dist', 'main.js')];

  const logger = options.logger ?? silentLogger();
  let stopping = false;
  let started = false;
  /** Set when a service other than a worker dies while the stack starts: the start fails at once. */
  let lostDuringStart: string | undefined;
  const onLine = (spec: ServiceSpec, line: string) => options.onLog?.(spec.name, line);
  const onExit = (service: ServiceProcess, code: number | null, signal: string | null) => {
    if (stopping) return;
    const name = service.spec.name;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    const isWorker = name.startsWith('worker-');
    const restart = isWorker && options.restartWorkers !== false;
    logger.warn('process exited', { process: name, pid: service.pid, code, signal, restarting: restart });
    if (isWorker) {
      // A dead worker is replaced; the load balancer already dropped it when its stream broke.
      if (restart) setTimeout(() => !stopping && service.start(), RESTART_DELAY_MS).unref();
    } else if (started) {
      options.onServiceLost?.(name, code, signal);
    } else {
      lostDuringStart = `${name} exited (${how}) while the stack was starting`;
    }
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
    const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
    const sockets = socketPaths(options.socketDir);
    const until = (check: () => Promise<boolean>, what: string) => waitFor(check, deadline, what, () => lostDuringStart);
    services[0]?.start();
    await until(() => checkHealth(unixTarget(sockets.loadBalancer), 500), 'the load balancer');
    services[1]?.start();
    for (const w of workerProcs) w.start();
    await until(() => checkHealth(unixTarget(sockets.dispatcher), 500), 'the dispatcher');
    gateway.start();
    const url = `http://${httpHost.includes(':') ? `[${httpHost}]` : httpHost}:${httpPort}`;
    await until(() => healthy(url, workers), 'the gateway to report every worker');
    started = true;
    return { url, socketDir: options.socketDir, dataDir: options.dataDir, strategy, services: all, workers: workerProcs, stop };
  } catch (err) {
    await stop();
    const logs = all
      .filter((s) => s.recentLines.length > 0)
      .map((s) => `--- ${s.spec.name} (exit ${s.child?.exitCode ?? s.child?.signalCode ?? 'none'}):\n${s.recentLines.join('\n')}`);
    throw new Error(`${(err as Error).message}\n${logs.join('\n')}`, { cause: err });
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

/** Polls `check` until it holds; fails at the deadline, or as soon as `failure` names a reason. */
async function waitFor(
  check: () => Promise<boolean>,
  deadlineMs: number,
  what: string,
  failure: () => string | undefined,
): Promise<void> {
  while (Date.now() < deadlineMs) {
    const failed = failure();
    if (failed) throw new Error(failed);
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** True when the port can be bound on that host right now. */
function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createNetServer();
    // Only "in use" counts; any other error is the gateway's to report when it binds.
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code !== 'EADDRINUSE'));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port nobody listens on right now (the gateway binds it a moment later). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
