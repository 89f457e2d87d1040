import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startStack, type Stack, type StackOptions } from '@minifaas/stack';

const execFileAsync = promisify(execFile);

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const EXAMPLES = join(ROOT, 'examples');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export interface TestStack extends Stack {
  logs: string[];
  /** Stops the processes and removes the temporary folders. */
  destroy(): Promise<void>;
}

/**
 * A whole minifaas (real processes, real UNIX sockets, real HTTP on a free port) in fresh
 * temporary folders. Socket paths must stay short (UNIX sockets allow ~107 bytes).
 */
export async function startTestStack(options: Partial<StackOptions> & { removeDirs?: boolean } = {}): Promise<TestStack> {
  const removeDirs = options.removeDirs ?? (!options.socketDir && !options.dataDir);
  const socketDir = options.socketDir ?? mkdtempSync(join(tmpdir(), 'mf-s-'));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mf-d-'));
  const logs: string[] = [];
  const stack = await startStack({
    rootDir: ROOT,
    env: { ...process.env, FAAS_LOG_FORMAT: 'json', FAAS_LOG_LEVEL: process.env['FAAS_LOG_LEVEL'] ?? 'info', ...options.env },
    workers: 4,
    httpPort: 0,
    onLog: (service, line) => {
      logs.push(`${service}: ${line}`);
      if (process.env['FAAS_TEST_LOGS']) process.stderr.write(`${service}: ${line}\n`);
    },
    ...options,
    socketDir,
    dataDir,
  });
  return {
    ...stack,
    logs,
    async destroy() {
      await stack.stop();
      if (!removeDirs) return;
      rmSync(socketDir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What a suite runs against: a fresh local stack, or, when FAAS_TEST_URL is set, a stack that is
 * already running elsewhere (the containers of docker-compose.yml; see scripts/test-containers.sh).
 */
export interface Target {
  url: string;
  kind: 'local' | 'compose';
  /** Where the gateway stores functions, as the workers see it. */
  dataDir: string;
  /** Matches the `worker` a reply names: `worker-N` locally, `<container>-<pid>` in compose. */
  workerPattern: RegExp;
  /** Stops and starts every service, keeping the stored functions. */
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startTarget(options: Partial<StackOptions> = {}): Promise<Target> {
  const external = process.env['FAAS_TEST_URL'];
  if (external) return composeTarget(external.replace(/\/$/, ''), options.workers ?? 4);
  let stack = await startTestStack(options);
  return {
    get url() {
      return stack.url;
    },
    kind: 'local',
    get dataDir() {
      return stack.dataDir;
    },
    workerPattern: /^worker-\d+$/,
    async restart() {
      await stack.stop();
      stack = await startTestStack({ ...options, dataDir: stack.dataDir, socketDir: stack.socketDir, removeDirs: true });
    },
    destroy: () => stack.destroy(),
  };
}

/** A compose project's gateway, scaled to `workers` before the suite starts. */
async function composeTarget(url: string, workers: number): Promise<Target> {
  await compose(['up', '-d', '--no-build', '--scale', `worker=${workers}`]);
  await waitForWorkers(url, workers, 120_000);
  return {
    url,
    kind: 'compose',
    dataDir: '/var/lib/minifaas',
    workerPattern: /^[0-9a-f]{12}-\d+$/,
    async restart() {
      await compose(['restart']);
      await waitForWorkers(url, workers, 120_000);
    },
    async destroy() {},
  };
}

/** Runs docker-compose on the project scripts/test-containers.sh brought up. */
export async function compose(args: string[]): Promise<string> {
  const project = process.env['FAAS_TEST_COMPOSE_PROJECT'] ?? 'minifaas';
  const { stdout } = await execFileAsync('docker-compose', ['-p', project, '-f', join(ROOT, 'docker-compose.yml'), ...args], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

export interface JsonReply {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { ok: boolean; id?: string; output?: string; code?: string; error?: string };
}

export async function request(url: string, init: RequestInit = {}): Promise<JsonReply> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: JsonReply['body'];
  try {
    body = JSON.parse(text) as JsonReply['body'];
  } catch {
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status} with non-JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, headers: res.headers, body };
}

export function deploy(base: string, name: string, lang: string, source: Buffer | string, contentType = 'application/octet-stream') {
  return request(`${base}/deploy?name=${encodeURIComponent(name)}&lang=${encodeURIComponent(lang)}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: source,
  });
}

export function invoke(base: string, fn: string, stdin?: Buffer | string, contentType = 'application/octet-stream') {
  return request(`${base}/invoke?fn=${encodeURIComponent(fn)}`, {
    method: 'POST',
    ...(stdin === undefined ? {} : { headers: { 'content-type': contentType }, body: stdin }),
  });
}

/** Resolves with the wait in ms once `check` holds, polling every 100 ms; throws after timeoutMs. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not within ${timeoutMs} ms: ${what}`);
}

/** Waits until the gateway reports `count` registered workers (e.g. after one was replaced). */
export async function waitForWorkers(base: string, count: number, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const health = await request(`${base}/healthz`).catch(() => undefined);
    if (health && Number(health.body['workers']) === count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${count} workers did not register within ${timeoutMs} ms`);
}
