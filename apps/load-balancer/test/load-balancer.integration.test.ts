import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { silentLogger } from '@minifaas/logger';
import {
  call,
  createLoadBalancerClient,
  isFaasError,
  unixTarget,
  type LoadBalancerClient,
  type Lease__Output,
  type ListWorkersReply__Output,
  type StrategyReply__Output,
  type WorkerInfo,
} from '@minifaas/protocol';
import { createLoadBalancer, type Grant, type Scheduler } from '../src/index.js';

/** A worker that is never called: the load balancer only stores its address. */
const WORKER: WorkerInfo = { id: 'w1', address: 'unix:///nowhere/worker-w1.sock', weight: 1, pid: 4242 };

/** A real load balancer on a UNIX socket in a fresh folder, and a client of it. */
async function startLoadBalancer(t: TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'mf-lb-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const socket = join(dir, 'load-balancer.sock');
  const lb = createLoadBalancer({ strategy: 'RR', logger: silentLogger() });
  await lb.listen(socket);
  t.after(() => lb.close(socket, 200));
  const client = createLoadBalancerClient(unixTarget(socket));
  t.after(() => client.close());
  return { lb, client };
}

/** Opens a Register stream as a worker does and resolves with it and its first event. */
async function register(client: LoadBalancerClient, worker: WorkerInfo) {
  const stream = client.Register({ worker });
  stream.on('error', () => undefined); // CANCELLED once the test ends the stream
  const [event] = (await once(stream, 'data')) as [{ kind: string }];
  return { stream, event };
}

const listWorkers = (client: LoadBalancerClient) =>
  call<ListWorkersReply__Output>('the load balancer', (md, o, cb) => client.ListWorkers({}, md, o, cb));

const acquire = (client: LoadBalancerClient, invocationId: string, deadline?: number) =>
  call<Lease__Output>(
    'the load balancer',
    (md, o, cb) => client.Acquire({ invocationId, functionId: 'fn_1760000000' }, md, o, cb),
    deadline === undefined ? {} : { deadline },
  );

const release = (client: LoadBalancerClient, leaseId: string, workerFailed = false) =>
  call('the load balancer', (md, o, cb) => client.Release({ leaseId, workerFailed }, md, o, cb));

/**
 * Resolves when the scheduler is next asked for a worker (the Acquire has arrived and waits),
 * with the scheduler's own promise for that request wrapped so it is not awaited by accident.
 */
function nextSchedulerAcquire(scheduler: Scheduler): Promise<{ grant: Promise<Grant> }> {
  return new Promise((resolve) => {
    const original = scheduler.acquire.bind(scheduler);
    scheduler.acquire = (...args) => {
      scheduler.acquire = original;
      const grant = original(...args);
      grant.catch(() => undefined);
      resolve({ grant });
      return grant;
    };
  });
}

/** Resolves when the scheduler drops a worker from its registry. */
function nextRemoval(scheduler: Scheduler): Promise<string> {
  return new Promise((resolve) => {
    const original = scheduler.removeWorker.bind(scheduler);
    scheduler.removeWorker = (id, registration) => {
      const removed = original(id, registration);
      if (removed) {
        scheduler.removeWorker = original;
        resolve(id);
      }
      return removed;
    };
  });
}

function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('load balancer over a UNIX socket', () => {
  it('answers a Register stream with a registered event and lists the worker as idle', async (t) => {
    const { client } = await startLoadBalancer(t);

    const { stream, event } = await register(client, WORKER);
    t.after(() => stream.cancel());

    assert.equal(event.kind, 'registered');
    const listed = await listWorkers(client);
    assert.equal(listed.strategy, 'RR');
    assert.equal(listed.waiting, 0);
    assert.deepEqual(
      listed.workers.map((w) => ({ ...w.worker, state: w.state, jobsDone: w.jobsDone })),
      [{ ...WORKER, state: 'idle', jobsDone: 0 }],
    );
  });

  it('reports the strategy in force and switches it at run time, refusing unknown names', async (t) => {
    const { client } = await startLoadBalancer(t);
    const get = () => call<StrategyReply__Output>('the load balancer', (md, o, cb) => client.GetStrategy({}, md, o, cb));
    const set = (strategy: string) =>
      call<StrategyReply__Output>('the load balancer', (md, o, cb) => client.SetStrategy({ strategy }, md, o, cb));

    const before = await get();
    const switched = await set('fifo');

    assert.equal(before.strategy, 'RR');
    assert.ok(before.available.includes('FIFO') && before.available.includes('WEIGHTED'));
    assert.equal(switched.strategy, 'FIFO');
    assert.equal((await listWorkers(client)).strategy, 'FIFO');
    await assert.rejects(set('coin-toss'), (err) => isFaasError(err, 'BAD_REQUEST'));
    assert.equal((await get()).strategy, 'FIFO');
  });

  it('leases the registered worker to Acquire and makes it idle again on Release', async (t) => {
    const { client } = await startLoadBalancer(t);
    const { stream } = await register(client, WORKER);
    t.after(() => stream.cancel());

    const lease = await acquire(client, 'inv-1');

    assert.equal(lease.worker?.id, WORKER.id);
    assert.equal(lease.worker?.address, WORKER.address);
    assert.ok(lease.leaseId.length > 0);
    const busy = (await listWorkers(client)).workers[0];
    assert.equal(busy?.state, 'busy');
    assert.equal(busy?.currentInvocationId, 'inv-1');

    await release(client, lease.leaseId);

    const idle = (await listWorkers(client)).workers[0];
    assert.equal(idle?.state, 'idle');
    assert.equal(idle?.currentInvocationId, '');
    assert.equal(idle?.jobsDone, 1);
  });

  it('drops a worker well under 2 s after its Register stream is cancelled', async (t) => {
    const { lb, client } = await startLoadBalancer(t);
    const { stream } = await register(client, WORKER);
    const removed = nextRemoval(lb.scheduler);

    const cancelledAt = Date.now();
    stream.cancel(); // what the load balancer sees when the worker process dies

    assert.equal(await withinMs(removed, 2000, 'removing the worker'), WORKER.id);
    assert.ok(Date.now() - cancelledAt < 2000);
    assert.deepEqual((await listWorkers(client)).workers, []);
  });

  it('fails Acquire with NO_WORKER when no worker is registered', async (t) => {
    const { client } = await startLoadBalancer(t);

    await assert.rejects(acquire(client, 'inv-1'), (err) => isFaasError(err, 'NO_WORKER'));
  });

  it('holds an Acquire while its worker is busy and grants it once the lease is released', async (t) => {
    const { lb, client } = await startLoadBalancer(t);
    const { stream } = await register(client, WORKER);
    t.after(() => stream.cancel());
    const first = await acquire(client, 'inv-1');

    const arrived = nextSchedulerAcquire(lb.scheduler);
    let granted = false;
    const second = acquire(client, 'inv-2').then((lease) => {
      granted = true;
      return lease;
    });
    await arrived;

    assert.equal((await listWorkers(client)).waiting, 1);
    assert.equal(granted, false);

    await release(client, first.leaseId);

    const lease = await second;
    assert.equal(lease.worker?.id, WORKER.id);
    assert.notEqual(lease.leaseId, first.leaseId);
    assert.equal((await listWorkers(client)).waiting, 0);
  });

  it('fails an Acquire that outlives its gRPC deadline with TIMEOUT and leaves nothing waiting', async (t) => {
    const { lb, client } = await startLoadBalancer(t);
    const { stream } = await register(client, WORKER);
    t.after(() => stream.cancel());
    const first = await acquire(client, 'inv-1');

    const arrived = nextSchedulerAcquire(lb.scheduler);
    const late = acquire(client, 'inv-late', Date.now() + 300);
    const { grant } = await arrived;

    await assert.rejects(late, (err) => isFaasError(err, 'TIMEOUT'));
    // The load balancer's side of the call ends too: its waiter is abandoned, not leased later.
    await assert.rejects(withinMs(grant, 2000, 'abandoning the waiter'), (err) => isFaasError(err, 'TIMEOUT'));
    assert.equal((await listWorkers(client)).waiting, 0);

    await release(client, first.leaseId);

    const after = (await listWorkers(client)).workers[0];
    assert.equal(after?.state, 'idle', 'the released worker went to nobody');
  });

  it('drops a worker whose lease is released with worker_failed', async (t) => {
    const { client } = await startLoadBalancer(t);
    const { stream } = await register(client, WORKER);
    t.after(() => stream.cancel());
    const lease = await acquire(client, 'inv-1');

    await release(client, lease.leaseId, true);

    assert.deepEqual((await listWorkers(client)).workers, []);
    await assert.rejects(acquire(client, 'inv-2'), (err) => isFaasError(err, 'NO_WORKER'));
  });

  it('hands an Acquire waiting for a worker that leaves to a remaining worker', async (t) => {
    const { lb, client } = await startLoadBalancer(t);
    const w1 = await register(client, WORKER);
    const w2 = await register(client, { ...WORKER, id: 'w2', address: 'unix:///nowhere/worker-w2.sock' });
    t.after(() => w2.stream.cancel());
    assert.equal((await acquire(client, 'inv-1')).worker?.id, 'w1');
    const onW2 = await acquire(client, 'inv-2');
    assert.equal(onW2.worker?.id, 'w2');

    const arrived = nextSchedulerAcquire(lb.scheduler);
    const third = acquire(client, 'inv-3'); // RR: w1's turn, and w1 is busy
    await arrived;
    const removed = nextRemoval(lb.scheduler);
    w1.stream.cancel();
    await removed;
    await release(client, onW2.leaseId);

    assert.equal((await third).worker?.id, 'w2');
  });

  it('gives the worker back when a lease is granted just as its Acquire deadline passes', async (t) => {
    const { lb, client } = await startLoadBalancer(t);
    const { stream } = await register(client, WORKER);
    t.after(() => stream.cancel());
    const first = await acquire(client, 'inv-1');
    const deadline = Date.now() + 500;
    const arrived = nextSchedulerAcquire(lb.scheduler);
    const late = acquire(client, 'inv-late', deadline).catch((err: unknown) => err);
    const { grant } = await arrived;
    void grant.then(() => {
      while (Date.now() < deadline + 50); // stall before the reply can be read
    });

    await release(client, first.leaseId);
    assert.ok(isFaasError(await late, 'TIMEOUT'));

    const next = await acquire(client, 'inv-next', Date.now() + 5000).catch((err: unknown) => err);
    assert.ok(!isFaasError(next), `the worker is still leased to the abandoned call: ${String(next)}`);
  });
});
