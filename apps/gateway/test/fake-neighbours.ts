import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { silentLogger } from '@minifaas/logger';
import {
  createServer,
  DEADLINE_KEY,
  FaasError,
  INVOCATION_ID_KEY,
  listenOnSocket,
  unary,
  type DispatchRequest__Output,
  type InvokeResult,
  type PrepareRequest__Output,
  type PrepareSummary,
  type LoadBalancerHandlers,
  type StatusReply,
} from '@minifaas/protocol';
import { createGateway } from '../src/index.js';

/** The smallest valid wasm module: magic and version, no sections. */
export const TINY_WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
export const TIMEOUT_MS = 3000;
export const MAX_BODY_BYTES = 1024;

export interface Forwarded {
  request: DispatchRequest__Output;
  deadlineHeader: string;
  invocationIdHeader: string;
  grpcDeadlineMs: number;
}

export interface Fakes {
  /** What the fake dispatcher answers to Invoke: a result, or a FaasError to fail with. */
  answer?: (request: DispatchRequest__Output) => InvokeResult | FaasError | Promise<InvokeResult | FaasError>;
  workers?: number;
  compileError?: FaasError;
  /** Point the gateway at a socket nobody listens on. */
  noDispatcher?: boolean;
  apiToken?: string;
  invokeToken?: string;
  keepVersions?: number;
  /** What the fake dispatcher answers to Prepare; 'hang' never answers. Default: 2 of 2 prepared. */
  prepare?: PrepareSummary | FaasError | 'hang';
  prepareTimeoutMs?: number;
  allowedHosts?: string[];
  maxMemoryMiB?: number;
}

export const result = (outcome: InvokeResult['outcome'], stdout: string | Buffer, stderr: string | Buffer = '', exitCode = 0): InvokeResult => ({
  outcome,
  exitCode,
  stdout: Buffer.from(stdout),
  stderr: Buffer.from(stderr),
  durationMs: 2.5,
  workerId: 'worker-9',
  cold: true,
});

/**
 * A gateway on 127.0.0.1:0 with a fake compiler, a fake Dispatcher and a fake LoadBalancer
 * (strategy calls only) on UNIX sockets.
 */
export async function startGateway(t: TestContext, fakes: Fakes = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'mf-gw-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const socket = join(dir, 'dispatcher.sock');
  const lbSocket = join(dir, 'load-balancer.sock');
  const forwarded: Forwarded[] = [];
  const prepares: PrepareRequest__Output[] = [];
  const statusReply = (): StatusReply => ({
    queued: 3,
    queueLimit: 8,
    loadBalancer: {
      strategy: 'RR',
      waiting: 2,
      workers: Array.from({ length: fakes.workers ?? 1 }, (_, i) => ({
        worker: { id: `worker-${i + 1}`, address: 'unix:///nowhere.sock', weight: 1, pid: 1 },
        state: i === 0 ? 'busy' : 'idle',
        jobsDone: 7,
      })),
    },
  });
  const { server } = createServer('Dispatcher', {
    Invoke: unary(async (request, c) => {
      const deadlineHeader = String(c.metadata.get(DEADLINE_KEY)[0]);
      const invocationIdHeader = String(c.metadata.get(INVOCATION_ID_KEY)[0]);
      forwarded.push({ request, deadlineHeader, invocationIdHeader, grpcDeadlineMs: new Date(c.getDeadline()).getTime() });
      const answer = await (fakes.answer ?? (() => result('OUTCOME_OK', 'fine')))(request);
      if (answer instanceof FaasError) throw answer;
      return answer;
    }),
    Status: unary(async () => statusReply()),
    Prepare: unary(async (request) => {
      prepares.push(request);
      const answer = fakes.prepare ?? { workers: 2, prepared: 2, failures: [] };
      if (answer === 'hang') return new Promise<never>(() => undefined);
      if (answer instanceof FaasError) throw answer;
      return answer;
    }),
  });
  if (!fakes.noDispatcher) {
    await listenOnSocket(server, socket);
    t.after(() => server.forceShutdown());
  }

  let strategy = 'RR';
  const lb = createServer('LoadBalancer', {
    GetStrategy: unary(async () => ({ strategy, available: ['RR', 'FIFO', 'WEIGHTED'] })),
    SetStrategy: unary(async (request: { strategy: string }) => {
      if (!['RR', 'FIFO', 'WEIGHTED'].includes(request.strategy.toUpperCase())) throw new FaasError('BAD_REQUEST', 'unknown strategy');
      strategy = request.strategy.toUpperCase();
      return { strategy, available: ['RR', 'FIFO', 'WEIGHTED'] };
    }),
  } as unknown as LoadBalancerHandlers);
  await listenOnSocket(lb.server, lbSocket);
  t.after(() => lb.server.forceShutdown());

  const compiled: Array<{ lang: string; source: Buffer }> = [];
  const compiler = {
    compile: async (lang: 'c' | 'rust' | 'go', source: Buffer) => {
      compiled.push({ lang, source });
      if (fakes.compileError) throw fakes.compileError;
      return { wasm: TINY_WASM, durationMs: 1 };
    },
  };
  const dataDir = join(dir, 'data');
  const gateway = await createGateway({
    dataDir,
    dispatcherSocket: socket,
    loadBalancerSocket: lbSocket,
    compiler,
    logger: silentLogger(),
    timeoutMs: TIMEOUT_MS,
    maxTimeoutMs: 10_000,
    maxBodyBytes: MAX_BODY_BYTES,
    maxSourceBytes: 512,
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    apiToken: fakes.apiToken,
    invokeToken: fakes.invokeToken,
    keepVersions: fakes.keepVersions,
    prepareTimeoutMs: fakes.prepareTimeoutMs ?? 2000,
    allowedHosts: fakes.allowedHosts,
    maxMemoryMiB: fakes.maxMemoryMiB,
  });
  const address = await gateway.listen(0, '127.0.0.1');
  t.after(() => gateway.close());
  return { url: `http://127.0.0.1:${address.port}`, gateway, dataDir, forwarded, compiled, prepares, strategy: () => strategy };
}

/**
 * A request through node:http, which sends the headers as given (Host included, which fetch
 * sets itself) and reads whatever comes back, JSON or not.
 */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function request(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, headers: res.headers, body };
}

export const post = (url: string, body?: Buffer | string, headers: Record<string, string> = {}) =>
  request(url, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });

export async function deployPython(url: string, name = 'echo', headers: Record<string, string> = {}) {
  const deployed = await post(`${url}/deploy?name=${name}&lang=python`, 'print(input())\n', headers);
  assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
  return String(deployed.body['id']);
}
