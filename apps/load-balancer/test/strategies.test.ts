import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Affinity, Fifo, RoundRobin, Weighted, type WorkerView } from '../src/strategies/index.js';

const view = (id: string, weight = 1, state: 'idle' | 'busy' = 'idle'): WorkerView => ({ id, weight, state, idleSinceMs: 0 });

describe('RoundRobin', () => {
  it('takes the workers in turn, busy or not', () => {
    const rr = new RoundRobin();
    const workers = [view('a'), view('b', 1, 'busy'), view('c')];
    const picks = Array.from({ length: 6 }, () => rr.choose(workers)?.id);
    assert.deepEqual(picks, ['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('continues after the last choice when a worker leaves', () => {
    const rr = new RoundRobin();
    assert.equal(rr.choose([view('a'), view('b'), view('c')])?.id, 'a');
    assert.equal(rr.choose([view('a'), view('b'), view('c')])?.id, 'b');
    assert.equal(rr.choose([view('a'), view('c')])?.id, 'a');
  });

  it('chooses nothing when there are no workers', () => {
    assert.equal(new RoundRobin().choose([]), undefined);
  });
});

describe('Weighted', () => {
  it('spreads picks in proportion to weight, interleaved', () => {
    const w = new Weighted();
    const workers = [view('a', 3), view('b'), view('c'), view('d')];
    const picks = Array.from({ length: 6 }, () => w.choose(workers)?.id);
    assert.deepEqual(picks, ['a', 'b', 'a', 'c', 'd', 'a']);
  });

  it('gives each worker its share over many picks', () => {
    const w = new Weighted();
    const workers = [view('a', 5), view('b', 2), view('c', 1)];
    const counts = new Map<string, number>();
    for (let i = 0; i < 800; i++) {
      const id = w.choose(workers)?.id ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(counts), { a: 500, b: 200, c: 100 });
  });
});

describe('Fifo', () => {
  it('chooses no worker up front, leaving it to the first idle one', () => {
    assert.equal(new Fifo().choose(), undefined);
  });
});

describe('Affinity', () => {
  /** Chooses for `fn` and records the grant, as the scheduler does for an idle choice. */
  const place = (a: Affinity, workers: WorkerView[], fn: string) => {
    const chosen = a.choose(workers, fn);
    if (chosen) a.recordGrant(chosen.id, fn);
    return chosen?.id;
  };

  it('sends a function back to the idle worker that ran it last', () => {
    const a = new Affinity();
    const workers = [view('a'), view('b'), view('c'), view('d')];
    const spread = ['f', 'g', 'h', 'k'].map((fn) => place(a, workers, fn));

    const again = ['h', 'f', 'k', 'g'].map((fn) => place(a, workers, fn));

    assert.deepEqual(spread, ['a', 'b', 'c', 'd']);
    assert.deepEqual(again, ['c', 'a', 'd', 'b']);
  });

  it('spills to the least loaded idle worker when the warm one is busy', () => {
    const a = new Affinity();
    const idle = [view('a'), view('b'), view('c')];
    place(a, idle, 'f'); // a
    place(a, idle, 'g'); // b

    const chosen = a.choose([view('a', 1, 'busy'), view('b'), view('c')], 'f');

    assert.equal(chosen?.id, 'c');
  });

  it('leaves the choice to the first worker that frees when every worker is busy', () => {
    const a = new Affinity();
    place(a, [view('a'), view('b')], 'f');

    assert.equal(a.choose([view('a', 1, 'busy'), view('b', 1, 'busy')], 'f'), undefined);
  });

  it('never lets one worker carry more than twice the mean load, even for one hot function', () => {
    const a = new Affinity();
    const workers = [view('a'), view('b'), view('c'), view('d')];
    const counts = new Map<string, number>();

    for (let i = 0; i < 400; i++) {
      const id = place(a, workers, 'hot') ?? '';
      if (i >= 100) counts.set(id, (counts.get(id) ?? 0) + 1);
    }

    const mean = 300 / workers.length;
    for (const [id, n] of counts) assert.ok(n <= 2 * mean, `${id} took ${n} of 300, mean ${mean}`);
    assert.ok(Math.max(...counts.values()) > mean, 'the warm worker still takes more than its share');
  });

  it('waits for a worker under the bound when the only idle one is over it', () => {
    const a = new Affinity();
    for (let i = 0; i < 10; i++) a.recordGrant('a', 'f');
    a.recordGrant('b', 'f');

    const chosen = a.choose([view('a'), view('b', 1, 'busy'), view('c', 1, 'busy'), view('d', 1, 'busy')], 'f');

    assert.equal(chosen?.id, 'b', 'the busy worker under the bound where f ran');
  });

  it('forgets what was warm on a worker that left', () => {
    const a = new Affinity();
    place(a, [view('a'), view('b')], 'f'); // a
    place(a, [view('a'), view('b')], 'g'); // b
    a.forget('a');

    const chosen = a.choose([view('a'), view('b'), view('c')], 'g');

    assert.equal(chosen?.id, 'b');
    assert.equal(a.choose([view('a'), view('b'), view('c')], 'f')?.id, 'a');
  });

  it('chooses nothing when there are no workers', () => {
    assert.equal(new Affinity().choose([], 'f'), undefined);
  });
});
