import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvocationHistory, RECENT_SIZE, type InvocationRecord } from '../src/history.js';
import { percentile } from '../src/live.js';

const record = (code: string, totalMs: number): InvocationRecord => ({
  invocationId: `inv-${totalMs}`,
  id: 'f_1',
  at: new Date(0).toISOString(),
  durationMs: 1,
  totalMs,
  exitCode: 0,
  code,
  status: code === 'OK' ? 200 : 502,
  worker: 'worker-1',
  cold: false,
  trigger: 'invoke',
  stderr: '',
  stderrCut: false,
});

describe('live figures', () => {
  it('takes nearest-rank percentiles of sorted values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(values, 0.5), 50);
    assert.equal(percentile(values, 0.99), 99);
    assert.equal(percentile([7], 0.99), 7);
    assert.equal(percentile([], 0.5), null);
  });

  it('counts invocations and errors per function, keeps the newest across functions, and forgets a deleted one', () => {
    const history = new InvocationHistory();
    let heard = 0;
    const unsubscribe = history.subscribe(() => heard++);
    history.add('a', record('OK', 1));
    history.add('a', record('FUNCTION_FAILED', 2));
    history.add('b', record('OK', 3));
    unsubscribe();
    history.add('b', record('OK', 4));

    assert.deepEqual(history.totals('a'), { invocations: 2, errors: 1 });
    assert.deepEqual(history.totals('b'), { invocations: 2, errors: 0 });
    assert.deepEqual(history.recent().map((r) => [r.name, r.totalMs]), [['b', 4], ['b', 3], ['a', 2], ['a', 1]]);
    assert.equal(heard, 3);

    history.forget('a');
    assert.deepEqual(history.totals('a'), { invocations: 0, errors: 0 });
    assert.deepEqual(history.recent().map((r) => r.name), ['b', 'b']);
    for (let i = 0; i < RECENT_SIZE + 5; i++) history.add('c', record('OK', i));
    assert.equal(history.recent().length, RECENT_SIZE);
  });
});
