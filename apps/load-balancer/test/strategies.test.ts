import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Fifo, RoundRobin, Weighted, type WorkerView } from '../src/strategies/index.js';

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
