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

describe('GET /events', () => {
  it('streams a snapshot of workers, strategy and functions, needs the API token, and ends when the gateway closes', async (t) => {
    const { startGateway, deployPython } = await import('./fake-neighbours.js');
    const gw = await startGateway(t, { workers: 2, apiToken: 'tok' });
    const auth = { authorization: 'Bearer tok' };
    await deployPython(gw.url, 'echo', auth);
    assert.equal((await fetch(`${gw.url}/events`)).status, 401);

    const res = await fetch(`${gw.url}/events`, { headers: auth });
    assert.equal(res.status, 200);
    assert.match(String(res.headers.get('content-type')), /^text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('event: snapshot\ndata: ') || !text.endsWith('\n\n')) text += (await reader.read()).value ?? '';
    const snapshot = JSON.parse(text.split('data: ')[1] ?? '') as { strategy: string; workers: unknown[]; functions: Array<{ name: string }>; queued: number };
    assert.equal(snapshot.strategy, 'RR');
    assert.equal(snapshot.workers.length, 2);
    assert.equal(snapshot.queued, 3);
    assert.deepEqual(snapshot.functions.map((f) => f.name), ['echo']);

    const closed = gw.gateway.close();
    const ended = await Promise.race([
      (async () => {
        while (!(await reader.read()).done);
        return true;
      })(),
      new Promise((resolve) => setTimeout(() => resolve(false), 3000)),
    ]);
    assert.equal(ended, true, 'the stream did not end on close');
    await closed;
  });
});
