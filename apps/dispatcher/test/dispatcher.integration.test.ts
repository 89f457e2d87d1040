import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, type TestContext } from 'node:test';
import { status as grpcStatus } from '@grpc/grpc-js';
import { silentLogger } from '@minifaas/logger';
import {
  call,
  createDispatcherClient,
  createLoadBalancerClient,
  createServer,
  DEADLINE_KEY,
  grpcDeadline,
  invocationMetadata,
  isFaasError,
  listenOnSocket,
  unixTarget,
  type DispatcherClient,
  type InvokeResult,
  type InvokeResult__Output,
  type ListWorkersReply__Output,
  type LoadBalancerClient,
  type PrepareRequest__Output,
  type PrepareSummary__Output,
  type StatusReply__Output,
  type WorkerHandlers,
  type WorkerInvokeRequest__Output,
} from '@minifaas/protocol';
import { createLoadBalancer } from '@minifaas/load-balancer';
import { createDispatcher } from '../src/index.js';

const SILENT_WORKER = fileURLToPath(new URL('fixtures/silent-worker.ts', import.meta.url));

type Scheduler = ReturnType<typeof createLoadBalancer>['scheduler'];

interface Received {
  request: WorkerInvokeRequest__Output;
  deadlineHeader: unknown;
}

/** A real load balancer and a real dispatcher on UNIX sockets in one fresh folder. */
async function startDispatcher(t: TestContext, queueLimit = 16) {
  const dir = await mkdtemp(join(tmpdir(), 'mf-dp-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const lbSocket = join(dir, 'load-balancer.sock');
  const lb = createLoadBalancer({ strategy: 'RR', logger: silentLogger() });
  await lb.listen(lbSocket);
  t.after(() => lb.close(lbSocket, 200));
  const lbClient = createLoadBalancerClient(unixTarget(lbSocket));
  t.after(() => lbClient.close());

  const socket = join(dir, 'dispatcher.sock');
  const dispatcher = createDispatcher({ loadBalancerSocket: lbSocket, queueLimit, logger: silentLogger() });
  await dispatcher.listen(socket);
  t.after(() => dispatcher.close(socket, 200));
  const client = createDispatcherClient(unixTarget(socket));
  t.after(() => client.close());
  return { dir, lb, lbClient, client };
}

/**
 * A fake worker: the real Worker service with an Invoke that records what it receives, then
 * hands the call to `answer`. Registered with the load balancer over a Register stream.
 */
async function startFakeWorker(
  t: TestContext,
  env: { dir: string; lbClient: LoadBalancerClient },
  id: string,
  answer: WorkerHandlers['Invoke'],
  prepare: WorkerHandlers['Prepare'] = (_c, cb) => cb(null, { workerId: id, loaded: true, durationMs: 1 }),
) {
  const socket = join(env.dir, `worker-${id}.sock`);
  const received: Received[] = [];
  const prepared: PrepareRequest__Output[] = [];
  const arrivals: Array<() => void> = [];
  const { server } = createServer('Worker', {
    Invoke: (c, callback) => {
      received.push({ request: c.request, deadlineHeader: c.metadata.get(DEADLINE_KEY)[0] });
      arrivals.shift()?.();
      answer(c, callback);
    },
    Prepare: (c, callback) => {
      prepared.push(c.request);
      prepare(c, callback);
    },
  });
  await listenOnSocket(server, socket);
  t.after(() => server.forceShutdown());
  await registerWorker(t, env.lbClient, id, unixTarget(socket));
  /** Resolves when the next call reaches this worker. */
  const nextCall = () => new Promise<void>((resolve) => arrivals.push(resolve));
  return { server, received, prepared, nextCall };
}

async function registerWorker(t: TestContext, lbClient: LoadBalancerClient, id: string, address: string) {
  const stream = lbClient.Register({ worker: { id, address, weight: 1, pid: 1 } });
  stream.on('error', () => undefined); // CANCELLED when the test ends
  t.after(() => stream.cancel());
  await once(stream, 'data');
}

const result = (stdout: string, workerId: string): InvokeResult => ({
  outcome: 'OUTCOME_OK',
  exitCode: 0,
  stdout: Buffer.from(stdout),
  stderr: Buffer.alloc(0),
  durationMs: 1.5,
  workerId,
  cold: false,
});

function invoke(client: DispatcherClient, invocationId: string, stdin: Buffer, deadlineMs = Date.now() + 10_000) {
  const request = { invocationId, function: { id: 'echo_1760000000', name: 'echo', lang: 'python' }, stdin };
  return call<InvokeResult__Output>('the dispatcher', (md, o, cb) => client.Invoke(request, md, o, cb), {
    deadline: grpcDeadline(deadlineMs),
    metadata: invocationMetadata(invocationId, deadlineMs),
  });
}

const listWorkers = (lbClient: LoadBalancerClient) =>
  call<ListWorkersReply__Output>('the load balancer', (md, o, cb) => lbClient.ListWorkers({}, md, o, cb));

/** Resolves once a child process has printed `word` on the given stream. */
function printed(stream: NodeJS.ReadableStream, word: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes(word)) return;
      stream.off('data', onData);
      resolve();
    };
    stream.on('data', onData);
  });
}

/** Resolves once the load balancer's scheduler is next asked for a worker. */
function nextSchedulerAcquire(scheduler: Scheduler): Promise<void> {
  return new Promise((resolve) => {
    const original = scheduler.acquire.bind(scheduler);
    scheduler.acquire = (...args) => {
      scheduler.acquire = original;
      const grant = original(...args);
      resolve();
      return grant;
    };
  });
}

describe('dispatcher with a real load balancer and fake workers', () => {
  it('runs an invocation on the worker with its exact stdin, function and deadline, and returns the result', async (t) => {
    const env = await startDispatcher(t);
    const worker = await startFakeWorker(t, env, 'w1', (_c, cb) => cb(null, result('hi there', 'w1')));
    const stdin = Buffer.from([0x00, 0xff, 0xfe, 0x0a, 0x68, 0x69, 0x0d, 0x0a]);
    const deadlineMs = Date.now() + 7000;

    const reply = await invoke(env.client, 'inv-1', stdin, deadlineMs);

    assert.equal(Buffer.from(reply.stdout).toString(), 'hi there');
    assert.equal(reply.outcome, 'OUTCOME_OK');
    assert.equal(reply.workerId, 'w1');
    assert.equal(worker.received.length, 1);
    const [{ request, deadlineHeader }] = worker.received as [Received];
    assert.deepEqual(Buffer.from(request.stdin), stdin);
    assert.equal(request.invocationId, 'inv-1');
    const { id, name, lang } = request.function ?? {};
    assert.deepEqual({ id, name, lang }, { id: 'echo_1760000000', name: 'echo', lang: 'python' });
    assert.equal(deadlineHeader, String(deadlineMs));
  });

  it('releases the lease once the worker answers, so the worker is idle again', async (t) => {
    const env = await startDispatcher(t);
    await startFakeWorker(t, env, 'w1', (_c, cb) => cb(null, result('ok', 'w1')));

    await invoke(env.client, 'inv-1', Buffer.from('x'));

    // The release goes out as the reply does, not before it: allow it a moment to land.
    let status = (await listWorkers(env.lbClient)).workers[0];
    for (let i = 0; i < 50 && status?.state !== 'idle'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await listWorkers(env.lbClient)).workers[0];
    }
    assert.equal(status?.state, 'idle');
    assert.equal(status?.jobsDone, 1);
  });

  it('answers QUEUE_FULL once queueLimit invocations are waiting for a worker', async (t) => {
    const env = await startDispatcher(t, 1);
    let finishSlow: () => void = () => undefined;
    const worker = await startFakeWorker(t, env, 'w1', (_c, cb) => {
      finishSlow = () => cb(null, result('slow', 'w1'));
    });
    const slowArrived = worker.nextCall();
    const running = invoke(env.client, 'inv-running', Buffer.alloc(0));
    await slowArrived;
    const waitingArrived = nextSchedulerAcquire(env.lb.scheduler);
    const waiting = invoke(env.client, 'inv-waiting', Buffer.alloc(0));
    await waitingArrived;

    await assert.rejects(invoke(env.client, 'inv-rejected', Buffer.alloc(0)), (err) => isFaasError(err, 'QUEUE_FULL'));

    const nextArrived = worker.nextCall();
    finishSlow();
    assert.equal(Buffer.from((await running).stdout).toString(), 'slow');
    await nextArrived;
    finishSlow();
    assert.equal(Buffer.from((await waiting).stdout).toString(), 'slow');
    assert.deepEqual(worker.received.map((r) => r.request.invocationId), ['inv-running', 'inv-waiting']);
  });

  it('drops a leased worker whose socket is gone and runs the invocation on another worker', async (t) => {
    const env = await startDispatcher(t);
    // Registered first, so round robin leases it first; nothing listens on its socket.
    await registerWorker(t, env.lbClient, 'dead', unixTarget(join(env.dir, 'worker-dead.sock')));
    const live = await startFakeWorker(t, env, 'live', (_c, cb) => cb(null, result('from live', 'live')));

    const reply = await invoke(env.client, 'inv-1', Buffer.from('in'));

    assert.equal(reply.workerId, 'live');
    assert.equal(live.received.length, 1);
    const listed = await listWorkers(env.lbClient);
    assert.deepEqual(listed.workers.map((w) => w.worker?.id), ['live']);
  });

  it('answers WORKER_LOST and drops the worker when its process is killed in the middle of a call', async (t) => {
    const env = await startDispatcher(t);
    const socket = join(env.dir, 'worker-w1.sock');
    const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', SILENT_WORKER, socket], { stdio: ['ignore', 'pipe', 'inherit'] });
    t.after(() => child.kill('SIGKILL'));
    await printed(child.stdout, 'ready');
    await registerWorker(t, env.lbClient, 'w1', unixTarget(socket));
    const pending = invoke(env.client, 'inv-1', Buffer.from('in')).catch((err: unknown) => err);
    await printed(child.stdout, 'invoked');

    child.kill('SIGKILL');

    const err = await pending;
    assert.ok(isFaasError(err, 'WORKER_LOST'), `expected WORKER_LOST, got ${String(err)}`);
    assert.deepEqual((await listWorkers(env.lbClient)).workers, [], 'the lost worker is dropped');
  });

  it('answers WORKER_LOST when the worker server is force-shut in the middle of a call', async (t) => {
    const env = await startDispatcher(t);
    const worker = await startFakeWorker(t, env, 'w1', () => undefined); // never answers
    const arrived = worker.nextCall();
    const pending = invoke(env.client, 'inv-1', Buffer.from('in')).catch((err: unknown) => err);
    await arrived;

    worker.server.forceShutdown();

    const err = await pending;
    assert.ok(isFaasError(err, 'WORKER_LOST'), `expected WORKER_LOST, got ${String(err)}`);
    assert.deepEqual((await listWorkers(env.lbClient)).workers, [], 'the lost worker is dropped');
  });

  it('answers NO_WORKER when no worker is registered', async (t) => {
    const env = await startDispatcher(t);

    await assert.rejects(invoke(env.client, 'inv-1', Buffer.alloc(0)), (err) => isFaasError(err, 'NO_WORKER'));
  });

  it('reports queued invocations, the queue limit and the load balancer workers in Status', async (t) => {
    const env = await startDispatcher(t, 5);
    let finishSlow: () => void = () => undefined;
    const worker = await startFakeWorker(t, env, 'w1', (_c, cb) => {
      finishSlow = () => cb(null, result('slow', 'w1'));
    });
    const arrived = worker.nextCall();
    const running = invoke(env.client, 'inv-running', Buffer.alloc(0));
    await arrived;
    const waitingArrived = nextSchedulerAcquire(env.lb.scheduler);
    const waiting = invoke(env.client, 'inv-waiting', Buffer.alloc(0));
    await waitingArrived;

    const status = await call<StatusReply__Output>('the dispatcher', (md, o, cb) => env.client.Status({}, md, o, cb));

    assert.equal(status.queued, 1);
    assert.equal(status.queueLimit, 5);
    assert.equal(status.loadBalancer?.strategy, 'RR');
    assert.equal(status.loadBalancer?.waiting, 1);
    assert.deepEqual(
      status.loadBalancer?.workers.map((w) => [w.worker?.id, w.state, w.currentInvocationId]),
      [['w1', 'busy', 'inv-running']],
    );
    const nextArrived = worker.nextCall();
    finishSlow();
    await running;
    await nextArrived;
    finishSlow();
    await waiting;
  });

  it('prepares a function on every registered worker and lists the ones that failed or were late', async (t) => {
    const env = await startDispatcher(t);
    const ok = await startFakeWorker(t, env, 'w1', (_c, cb) => cb(null, result('', 'w1')));
    await startFakeWorker(t, env, 'w2', (_c, cb) => cb(null, result('', 'w2')), (_c, cb) =>
      cb({ code: grpcStatus.NOT_FOUND, details: 'no such module' }),
    );
    await startFakeWorker(t, env, 'w3', (_c, cb) => cb(null, result('', 'w3')), () => undefined);
    const fn = { id: 'hello_1760000000', name: 'hello', lang: 'c' };
    const started = Date.now();

    const summary = await call<PrepareSummary__Output>('the dispatcher', (md, o, cb) => env.client.Prepare({ function: fn }, md, o, cb), {
      deadline: Date.now() + 800,
    });

    assert.ok(Date.now() - started < 1500, `answered after ${Date.now() - started} ms`);
    assert.deepEqual([summary.workers, summary.prepared], [3, 1]);
    assert.deepEqual(summary.failures.map((line) => line.split(':')[0]).sort(), ['w2', 'w3']);
    assert.deepEqual(ok.prepared.map((p) => p.function?.id), ['hello_1760000000']);
  });
});
