import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FaasError } from '@minifaas/protocol';
import {
  deployPython,
  MAX_BODY_BYTES,
  post,
  request,
  result,
  startGateway,
  TIMEOUT_MS,
  TINY_WASM,
  type Forwarded,
} from './fake-neighbours.js';

describe('gateway with a fake dispatcher and a fake compiler', () => {
  it('compiles and stores a C deploy and answers 201 with its id', async (t) => {
    const gw = await startGateway(t);
    const source = Buffer.from('int main(void) { return 0; }\n');

    const deployed = await post(`${gw.url}/deploy?name=hello&lang=c`, source);

    assert.equal(deployed.status, 201);
    assert.match(String(deployed.body['id']), /^hello_\d{10}$/);
    assert.equal(deployed.body['wasm'], true);
    assert.equal(deployed.body['wasmSize'], TINY_WASM.length);
    assert.deepEqual(gw.compiled.map((c) => [c.lang, c.source]), [['c', source]]);
    const stored = gw.gateway.store.resolve('hello');
    assert.equal(stored?.id, deployed.body['id']);
    assert.deepEqual(stored && (await gw.gateway.store.readSource(stored)), source);
  });

  it('asks the dispatcher to prepare a new WASM function and reports how many workers did', async (t) => {
    const gw = await startGateway(t, { prepare: { workers: 4, prepared: 3, failures: ['worker-4: gone'] } });

    const deployed = await post(`${gw.url}/deploy?name=hello&lang=c`, 'int main(void) { return 0; }\n');

    assert.equal(deployed.status, 201);
    assert.deepEqual(
      gw.prepares.map((p) => [p.function?.id, p.function?.lang]),
      [[deployed.body['id'], 'c']],
    );
    const prepared = deployed.body['prepared'] as Record<string, unknown>;
    assert.deepEqual([prepared['workers'], prepared['of']], [3, 4]);
  });

  it('does not prepare a native function', async (t) => {
    const gw = await startGateway(t);

    await deployPython(gw.url);

    assert.equal(gw.prepares.length, 0);
  });

  for (const [what, prepare] of [
    ['fails', new FaasError('INTERNAL', 'boom')],
    ['never answers', 'hang'],
  ] as const) {
    it(`still answers 201 within the prepare timeout when preparing ${what}`, async (t) => {
      const gw = await startGateway(t, { prepare, prepareTimeoutMs: 300 });
      const started = Date.now();

      const deployed = await post(`${gw.url}/deploy?name=hello&lang=c`, 'int main(void) { return 0; }\n');

      assert.equal(deployed.status, 201);
      assert.ok(Date.now() - started < 2000, `answered after ${Date.now() - started} ms`);
      assert.equal((deployed.body['prepared'] as Record<string, unknown>)['workers'], 0);
      assert.ok(gw.gateway.store.resolve('hello'), 'the function was stored');
    });
  }

  it('forwards the exact body bytes to the dispatcher with a deadline timeoutMs after arrival', async (t) => {
    const gw = await startGateway(t);
    const id = await deployPython(gw.url);
    const stdin = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x7b, 0x22, 0xe2, 0x98, 0x83]);

    const before = Date.now();
    const invoked = await post(`${gw.url}/invoke?fn=echo`, stdin);
    const after = Date.now();

    assert.equal(invoked.status, 200, JSON.stringify(invoked.body));
    const [sent] = gw.forwarded as [Forwarded];
    assert.deepEqual(Buffer.from(sent.request.stdin), stdin);
    const { id: sentId, name, lang } = sent.request.function ?? {};
    assert.deepEqual({ id: sentId, name, lang }, { id, name: 'echo', lang: 'python' });
    assert.equal(sent.request.invocationId, invoked.body['invocationId']);
    const deadlineMs = Number(sent.deadlineHeader);
    assert.ok(deadlineMs >= before + TIMEOUT_MS && deadlineMs <= after + TIMEOUT_MS, `deadline ${deadlineMs - before} ms ahead`);
    assert.ok(sent.grpcDeadlineMs >= deadlineMs, 'the gRPC deadline leaves room for the reply');
  });

  const outcomes = [
    { outcome: 'OUTCOME_OK', status: 200, code: undefined },
    { outcome: 'OUTCOME_EXIT_NONZERO', status: 502, code: 'FUNCTION_FAILED' },
    { outcome: 'OUTCOME_CRASHED', status: 502, code: 'FUNCTION_FAILED' },
    { outcome: 'OUTCOME_MEMORY_LIMIT', status: 502, code: 'MEMORY_LIMIT' },
    { outcome: 'OUTCOME_TIMEOUT', status: 504, code: 'TIMEOUT' },
  ] as const;
  for (const { outcome, status, code } of outcomes) {
    it(`answers ${status} ${code ?? 'ok'} for ${outcome}, with the function's exit code, output and stderr`, async (t) => {
      const exitCode = outcome === 'OUTCOME_OK' ? 0 : 7;
      const gw = await startGateway(t, { answer: () => result(outcome, 'out\n', 'err\n', exitCode) });
      await deployPython(gw.url);

      const invoked = await post(`${gw.url}/invoke?fn=echo`, 'x');

      assert.equal(invoked.status, status);
      assert.equal(invoked.body['ok'], code === undefined);
      assert.equal(invoked.body['code'], code);
      assert.equal(invoked.body['exitCode'], exitCode);
      assert.equal(invoked.body['output'], 'out\n');
      assert.equal(invoked.body['stderr'], 'err\n');
      assert.equal(invoked.body['worker'], 'worker-9');
      assert.equal(invoked.body['cold'], true);
    });
  }

  it('answers 503 SERVICE_UNAVAILABLE when the dispatcher cannot be reached', async (t) => {
    const gw = await startGateway(t, { noDispatcher: true });
    await deployPython(gw.url);

    const invoked = await post(`${gw.url}/invoke?fn=echo`, 'x');

    assert.equal(invoked.status, 503);
    assert.equal(invoked.body['code'], 'SERVICE_UNAVAILABLE');
  });

  it('answers 429 QUEUE_FULL with a Retry-After header when the dispatcher queue is full', async (t) => {
    const gw = await startGateway(t, { answer: () => new FaasError('QUEUE_FULL', 'full') });
    await deployPython(gw.url);

    const invoked = await post(`${gw.url}/invoke?fn=echo`, 'x');

    assert.equal(invoked.status, 429);
    assert.equal(invoked.body['code'], 'QUEUE_FULL');
    assert.match(invoked.headers.get('retry-after') ?? '', /^\d+$/);
  });

  it('answers 413 PAYLOAD_TOO_LARGE as JSON for a body over maxBodyBytes, without calling the dispatcher', async (t) => {
    const gw = await startGateway(t);
    await deployPython(gw.url);

    const invoked = await post(`${gw.url}/invoke?fn=echo`, Buffer.alloc(MAX_BODY_BYTES + 1, 0x61));

    assert.equal(invoked.status, 413);
    assert.equal(invoked.body['ok'], false);
    assert.equal(invoked.body['code'], 'PAYLOAD_TOO_LARGE');
    assert.equal(gw.forwarded.length, 0);
  });

  it('answers 422 COMPILE_FAILED for a source the compiler rejects and stores nothing', async (t) => {
    const gw = await startGateway(t, { compileError: new FaasError('COMPILE_FAILED', "main.c:1:1: error: unknown type name 'itn'") });

    const deployed = await post(`${gw.url}/deploy?name=broken&lang=c`, 'itn main() {}\n');

    assert.equal(deployed.status, 422);
    assert.equal(deployed.body['code'], 'COMPILE_FAILED');
    assert.equal(gw.gateway.store.count, 0);
    assert.deepEqual(await readdir(join(gw.dataDir, 'functions')), []);
    assert.equal((await request(`${gw.url}/function/broken`)).status, 404);
  });

  it('answers healthz 503 while the dispatcher reports no worker', async (t) => {
    const gw = await startGateway(t, { workers: 0 });

    const health = await request(`${gw.url}/healthz`);

    assert.equal(health.status, 503);
    assert.equal(health.body['ok'], false);
    assert.equal(health.body['workers'], 0);
  });

  it('answers healthz 200 once the dispatcher reports a worker', async (t) => {
    const gw = await startGateway(t, { workers: 1 });

    const health = await request(`${gw.url}/healthz`);

    assert.equal(health.status, 200);
    assert.equal(health.body['ok'], true);
    assert.equal(health.body['workers'], 1);
  });

  it('answers healthz 503 SERVICE_UNAVAILABLE when the dispatcher cannot be reached', async (t) => {
    const gw = await startGateway(t, { noDispatcher: true });

    const health = await request(`${gw.url}/healthz`);

    assert.equal(health.status, 503);
    assert.equal(health.body['code'], 'SERVICE_UNAVAILABLE');
  });
});
