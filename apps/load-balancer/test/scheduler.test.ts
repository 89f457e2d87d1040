import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFaasError } from '@minifaas/protocol';
import { Scheduler } from '../src/scheduler.js';
import { createStrategy, type StrategyName } from '../src/strategies/index.js';

function schedulerWith(strategy: StrategyName, ids: string[], weights: number[] = []) {
  const scheduler = new Scheduler(createStrategy(strategy), { noWorkerGraceMs: 50 });
  ids.forEach((id, i) => scheduler.addWorker({ id, address: `unix:///tmp/${id}.sock`, weight: weights[i] ?? 1, pid: 1 }));
  return scheduler;
}

/** Resolves to the grant, or 'pending' if it has not been granted by the next macrotask. */
async function settled<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((r) => setImmediate(() => r('pending')))]);
}

describe('Scheduler', () => {
  it('answers NO_WORKER when no worker registers within the grace period', async () => {
    const s = schedulerWith('RR', []);
    await assert.rejects(s.acquire('i1', 'f'), (err) => isFaasError(err, 'NO_WORKER'));
    assert.equal(s.waiting, 0);
  });

  it('gives an invocation to a worker that registers during the grace period', async () => {
    const s = schedulerWith('RR', []);
    const pending = s.acquire('i1', 'f');
    s.addWorker({ id: 'late', address: 'unix:///tmp/late.sock', weight: 1, pid: 1 });
    assert.equal((await pending).worker.id, 'late');
  });

  it('frees waiters pinned to a busy worker when the strategy switches from RR to FIFO', async () => {
    const s = schedulerWith('RR', ['w1', 'w2']);
    const first = await s.acquire('i1', 'f'); // w1
    s.release((await s.acquire('i2', 'f')).leaseId, false); // w2, done
    const third = s.acquire('i3', 'f'); // w1 again under RR: busy, waits
    assert.equal(await settled(third), 'pending');

    s.useStrategy(createStrategy('FIFO'));

    assert.equal(s.strategyName, 'FIFO');
    assert.equal((await third).worker.id, 'w2');
    s.release(first.leaseId, false);
  });

  it('RR: sends 8 sequential invocations to 4 workers, two each', async () => {
    const s = schedulerWith('RR', ['w1', 'w2', 'w3', 'w4']);
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      const grant = await s.acquire(`i${i}`, 'f');
      seen.push(grant.worker.id);
      s.release(grant.leaseId, false);
    }
    assert.deepEqual(seen, ['w1', 'w2', 'w3', 'w4', 'w1', 'w2', 'w3', 'w4']);
  });

  it('RR: an invocation whose worker is busy waits for that worker, even if another is idle', async () => {
    const s = schedulerWith('RR', ['w1', 'w2']);
    const first = await s.acquire('i1', 'f'); // w1
    s.release((await s.acquire('i2', 'f')).leaseId, false); // w2, done
    const third = s.acquire('i3', 'f'); // w1 again: busy
    assert.equal(await settled(third), 'pending');
    assert.equal(s.waiting, 1);
    s.release(first.leaseId, false);
    assert.equal((await third).worker.id, 'w1');
  });

  it('FIFO: each invocation goes to the first idle worker, and waits in arrival order when all are busy', async () => {
    const s = schedulerWith('FIFO', ['w1', 'w2']);
    const a = await s.acquire('a', 'f');
    const b = await s.acquire('b', 'f');
    assert.notEqual(a.worker.id, b.worker.id);
    const c = s.acquire('c', 'f');
    const d = s.acquire('d', 'f');
    assert.equal(await settled(c), 'pending');
    assert.equal(s.waiting, 2);
    s.release(b.leaseId, false);
    assert.equal((await c).worker.id, b.worker.id);
    assert.equal(await settled(d), 'pending');
    s.release(a.leaseId, false);
    assert.equal((await d).worker.id, a.worker.id);
  });

  it('FIFO: never leaves a worker idle while an invocation waits', async () => {
    const s = schedulerWith('FIFO', ['w1', 'w2', 'w3']);
    const grants = await Promise.all(['a', 'b', 'c'].map((id) => s.acquire(id, 'f')));
    assert.deepEqual(new Set(grants.map((g) => g.worker.id)).size, 3);
    assert.deepEqual(s.snapshot().map((w) => w.state), ['busy', 'busy', 'busy']);
  });

  it('WEIGHTED: follows the declared weights', async () => {
    const s = schedulerWith('WEIGHTED', ['w1', 'w2', 'w3', 'w4'], [3, 1, 1, 1]);
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      const grant = await s.acquire(`i${i}`, 'f');
      seen.push(grant.worker.id);
      s.release(grant.leaseId, false);
    }
    assert.equal(seen.filter((id) => id === 'w1').length, 6);
    assert.equal(seen.filter((id) => id === 'w2').length, 2);
  });

  it('AFFINITY: sends each function back to its worker while it is idle, and elsewhere while it is busy', async () => {
    const s = schedulerWith('AFFINITY', ['w1', 'w2', 'w3']);
    const first = new Map<string, string>();
    for (const fn of ['f', 'g', 'h']) {
      const grant = await s.acquire(`first-${fn}`, fn);
      first.set(fn, grant.worker.id);
      s.release(grant.leaseId, false);
    }

    const again = await s.acquire('again-g', 'g');
    const spilled = await s.acquire('busy-g', 'g');

    assert.equal(again.worker.id, first.get('g'));
    assert.notEqual(spilled.worker.id, again.worker.id);
  });

  it('AFFINITY: an invocation arriving while every worker is busy goes to the first that frees', async () => {
    const s = schedulerWith('AFFINITY', ['w1', 'w2']);
    const a = await s.acquire('a', 'f');
    const b = await s.acquire('b', 'g');
    const c = s.acquire('c', 'f');
    assert.equal(await settled(c), 'pending');

    s.release(b.leaseId, false);

    assert.equal((await c).worker.id, b.worker.id);
    s.release(a.leaseId, false);
  });

  it('moves waiting invocations to another worker when theirs leaves', async () => {
    const s = schedulerWith('RR', ['w1', 'w2']);
    const a = await s.acquire('a', 'f'); // w1
    const b = await s.acquire('b', 'f'); // w2
    const c = s.acquire('c', 'f'); // w1, busy
    assert.equal(await settled(c), 'pending');
    s.release(a.leaseId, true); // w1 failed: dropped
    assert.deepEqual(s.snapshot().map((w) => w.info.id), ['w2']);
    s.release(b.leaseId, false);
    assert.equal((await c).worker.id, 'w2');
  });

  it('keeps invocations waiting when every worker left, and gives them to the next one that joins', async () => {
    const s = schedulerWith('RR', ['w1']);
    const a = await s.acquire('a', 'f');
    const b = s.acquire('b', 'f');
    s.removeWorker('w1');
    assert.equal(await settled(b), 'pending');
    s.release(a.leaseId, false); // lease of a gone worker: ignored
    s.addWorker({ id: 'w9', address: 'unix:///tmp/w9.sock', weight: 1, pid: 2 });
    assert.equal((await b).worker.id, 'w9');
  });

  it('gives up a wait when the caller aborts', async () => {
    const s = schedulerWith('RR', ['w1']);
    await s.acquire('a', 'f');
    const abort = new AbortController();
    const b = s.acquire('b', 'f', { signal: abort.signal });
    abort.abort();
    await assert.rejects(b, (err) => isFaasError(err, 'TIMEOUT'));
    assert.equal(s.waiting, 0);
  });

  it('refuses with QUEUE_FULL an invocation that would wait while maxWaiting others already do', async () => {
    const s = schedulerWith('FIFO', ['w1']);
    await s.acquire('running', 'f', { maxWaiting: 1 });
    const waiting = s.acquire('waiting', 'f', { maxWaiting: 1 });
    await assert.rejects(s.acquire('refused', 'f', { maxWaiting: 1 }), (err) => isFaasError(err, 'QUEUE_FULL'));
    assert.equal(s.waiting, 1);
    assert.equal(await settled(waiting), 'pending');
  });

  it('never refuses an invocation that can start at once, however small the bound', async () => {
    const s = schedulerWith('FIFO', ['w1', 'w2', 'w3']);
    const grants = await Promise.all(['a', 'b', 'c'].map((id) => s.acquire(id, 'f', { maxWaiting: 1 })));
    assert.equal(grants.length, 3);
  });

  it('ignores a stale removal after the worker re-registered under the same id', () => {
    const s = schedulerWith('RR', []);
    const old = s.addWorker({ id: 'w1', address: 'unix:///a', weight: 1, pid: 1 });
    s.addWorker({ id: 'w1', address: 'unix:///b', weight: 1, pid: 2 });
    assert.equal(s.removeWorker('w1', old), false);
    assert.equal(s.snapshot()[0]?.info.address, 'unix:///b');
  });
});
