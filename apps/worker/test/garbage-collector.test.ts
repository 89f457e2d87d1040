import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import {
  GarbageCollector,
  GROWTH_BEFORE_COLLECT_BYTES,
  GROWTH_FORCING_COLLECT_BYTES,
} from '../src/garbage-collector.js';

const MIB = 1024 * 1024;

/** A collector over a fake RSS that a collection brings back to `floor`. */
function fakeCollector(idleMs = 5) {
  const memory = { rss: 100 * MIB, floor: 100 * MIB, collected: 0 };
  const gc = new GarbageCollector({
    idleMs,
    rss: () => memory.rss,
    collect: () => {
      memory.collected++;
      memory.rss = memory.floor;
    },
  });
  return { gc, memory };
}

describe('garbage collector', () => {
  it('does nothing while growth stays under the threshold', async () => {
    const { gc, memory } = fakeCollector();
    memory.rss += GROWTH_BEFORE_COLLECT_BYTES - 1;
    gc.beforeRun();
    gc.afterRun();
    await sleep(20);
    assert.equal(memory.collected, 0);
  });

  it('collects once the worker stays idle after a run that crossed the threshold', async () => {
    const { gc, memory } = fakeCollector();
    gc.beforeRun();
    memory.rss += GROWTH_BEFORE_COLLECT_BYTES;
    gc.afterRun();
    assert.equal(memory.collected, 0, 'not on the reply path');
    await sleep(30);
    assert.equal(memory.collected, 1);
    assert.equal(gc.collections, 1);
  });

  it('leaves the collection to the next pause when a run starts first', async () => {
    const { gc, memory } = fakeCollector(15);
    memory.rss += GROWTH_BEFORE_COLLECT_BYTES;
    gc.afterRun();
    gc.beforeRun(); // the next call arrives within the idle time
    await sleep(40);
    assert.equal(memory.collected, 0, 'a busy worker is not paused below the forcing growth');
    gc.afterRun();
    await sleep(40);
    assert.equal(memory.collected, 1);
  });

  it('collects before the next run once a busy worker has grown past the forcing bound', () => {
    const { gc, memory } = fakeCollector(1000);
    for (let grown = 0; grown < GROWTH_FORCING_COLLECT_BYTES; grown += 4 * MIB) {
      gc.beforeRun();
      memory.rss += 4 * MIB;
      gc.afterRun();
    }
    assert.equal(memory.collected, 0);
    gc.beforeRun();
    assert.equal(memory.collected, 1);
    assert.equal(memory.rss, memory.floor);
    gc.afterRun();
  });

  it('measures growth from the baseline reset after start-up', async () => {
    const { gc, memory } = fakeCollector();
    memory.rss += 80 * MIB; // start-up
    gc.resetBaseline();
    gc.beforeRun();
    memory.rss += MIB;
    gc.afterRun();
    await sleep(20);
    assert.equal(memory.collected, 0);
  });
});
