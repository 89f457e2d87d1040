import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FaasError } from '@minifaas/protocol';
import { deployPython, post, request, result, startGateway } from './fake-neighbours.js';

const SECRET = 'value-that-must-not-come-back';
const envHeader = (env: unknown) => ({ 'x-function-env': JSON.stringify(env) });

describe('function environment given at deploy', () => {
  it('stores it, shows only the names and sends the values to the dispatcher with each call', async (t) => {
    const gw = await startGateway(t);

    const deployed = await post(`${gw.url}/deploy?name=withenv&lang=python`, 'print(1)\n', envHeader({ API_KEY: SECRET, MODE: 'x' }));
    const shown = await request(`${gw.url}/function/withenv`);
    const versions = await request(`${gw.url}/function/withenv/versions`);
    await post(`${gw.url}/invoke?fn=withenv`, '');

    assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
    assert.deepEqual(deployed.body['env'], ['API_KEY', 'MODE']);
    assert.deepEqual(shown.body['env'], ['API_KEY', 'MODE']);
    for (const reply of [deployed, shown, versions]) assert.ok(!JSON.stringify(reply.body).includes(SECRET));
    assert.deepEqual(gw.forwarded[0]?.request.function?.env, { API_KEY: SECRET, MODE: 'x' });
  });

  const refused: Array<[string, Record<string, string>]> = [
    ['a name the dynamic loader acts on', envHeader({ LD_PRELOAD: '/tmp/x.so' })],
    ['a name the platform sets', envHeader({ PATH: '/evil' })],
    ['a name the HTTP trigger sets', envHeader({ HTTP_HOST: 'x' })],
    ['a name that is not a name', envHeader({ 'A-B': 'x' })],
    ['a value that is not a string', envHeader({ COUNT: 3 })],
    ['a value over 4 KiB', envHeader({ BIG: 'x'.repeat(4097) })],
    ['a header that is not JSON', { 'x-function-env': 'API_KEY=1' }],
    ['a JSON array', envHeader(['API_KEY'])],
  ];
  for (const [what, headers] of refused) {
    it(`answers 400 BAD_REQUEST for ${what} and stores nothing`, async (t) => {
      const gw = await startGateway(t);

      const deployed = await post(`${gw.url}/deploy?name=bad&lang=python`, 'print(1)\n', headers);

      assert.equal(deployed.status, 400);
      assert.equal(deployed.body['code'], 'BAD_REQUEST');
      assert.equal(gw.gateway.store.count, 0);
    });
  }
});

describe('function management', () => {
  it('lists functions with their latest id, language, version count and dates', async (t) => {
    const gw = await startGateway(t);
    await deployPython(gw.url, 'beta');
    const alphaFirst = await deployPython(gw.url, 'alpha');
    const alphaLatest = await deployPython(gw.url, 'alpha');

    const listed = await request(`${gw.url}/functions`);

    const functions = listed.body['functions'] as Array<Record<string, unknown>>;
    assert.deepEqual(functions.map((f) => [f['name'], f['latestId'], f['lang'], f['versions']]), [
      ['alpha', alphaLatest, 'python', 2],
      ['beta', functions[1]?.['latestId'], 'python', 1],
    ]);
    const versions = await request(`${gw.url}/function/alpha/versions`);
    assert.deepEqual((versions.body['versions'] as Array<{ id: string }>).map((v) => v.id), [alphaLatest, alphaFirst]);
  });

  it('deletes a whole function: it is no longer invocable or listed, and its files are gone', async (t) => {
    const gw = await startGateway(t);
    await deployPython(gw.url, 'doomed');
    await deployPython(gw.url, 'doomed');

    const deleted = await request(`${gw.url}/function/doomed`, { method: 'DELETE' });

    assert.equal(deleted.status, 200);
    assert.equal((deleted.body['deleted'] as string[]).length, 2);
    assert.equal((await post(`${gw.url}/invoke?fn=doomed`, '')).body['code'], 'FUNCTION_NOT_FOUND');
    assert.equal((await request(`${gw.url}/fn/doomed`)).status, 404);
    assert.deepEqual((await request(`${gw.url}/functions`)).body['functions'], []);
    assert.deepEqual(await readdir(join(gw.dataDir, 'functions')), []);
    assert.equal((await request(`${gw.url}/function/doomed`, { method: 'DELETE' })).body['code'], 'FUNCTION_NOT_FOUND');
    assert.equal(gw.forwarded.length, 0);
  });

  it('deletes one version by id and falls back to the one before it', async (t) => {
    const gw = await startGateway(t);
    const first = await deployPython(gw.url, 'twice');
    const second = await deployPython(gw.url, 'twice');

    const deleted = await request(`${gw.url}/function/twice/versions/${second}`, { method: 'DELETE' });
    const wrong = await request(`${gw.url}/function/twice/versions/other_1760000000`, { method: 'DELETE' });

    assert.equal(deleted.status, 200);
    assert.equal(deleted.body['latestId'], first);
    assert.equal((await request(`${gw.url}/function/twice`)).body['id'], first);
    assert.equal(wrong.status, 404);
    assert.equal(wrong.body['code'], 'FUNCTION_NOT_FOUND');
  });

  it('needs the API token to delete when one is set', async (t) => {
    const gw = await startGateway(t, { apiToken: 'tok-123' });
    const auth = { authorization: 'Bearer tok-123' };
    await deployPython(gw.url, 'kept', auth);

    const refused = await request(`${gw.url}/function/kept`, { method: 'DELETE' });
    const allowed = await request(`${gw.url}/function/kept`, { method: 'DELETE', headers: auth });

    assert.equal(refused.status, 401);
    assert.equal(refused.body['code'], 'UNAUTHORIZED');
    assert.equal(allowed.status, 200);
  });

  it('keeps only keepVersions versions per name', async (t) => {
    const gw = await startGateway(t, { keepVersions: 2 });
    for (let i = 0; i < 4; i++) await deployPython(gw.url, 'pruned');

    const versions = await request(`${gw.url}/function/pruned/versions`);

    assert.equal((versions.body['versions'] as unknown[]).length, 2);
    assert.equal((await readdir(join(gw.dataDir, 'functions'))).length, 2);
  });
});

describe('invocation ids and history', () => {
  it('gives every invocation an id, in the x-invocation-id header, the body and the gRPC metadata', async (t) => {
    const gw = await startGateway(t);
    await deployPython(gw.url);

    const invoked = await post(`${gw.url}/invoke?fn=echo`, 'x');

    const id = invoked.headers.get('x-invocation-id');
    assert.match(id ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(invoked.body['invocationId'], id);
    assert.equal(gw.forwarded[0]?.invocationIdHeader, id);
  });

  it('lists the last invocations newest first with exit code, code, worker and the end of stderr marked as cut', async (t) => {
    const longStderr = `${'a'.repeat(5000)}the end\n`;
    let call = 0;
    const gw = await startGateway(t, {
      answer: () => (++call === 2 ? result('OUTCOME_EXIT_NONZERO', '', longStderr, 3) : result('OUTCOME_OK', 'out', 'note\n')),
    });
    await deployPython(gw.url);
    const first = await post(`${gw.url}/invoke?fn=echo`, 'x');
    const second = await post(`${gw.url}/invoke?fn=echo`, 'x');

    const history = await request(`${gw.url}/function/echo/invocations`);

    const [newest, oldest] = history.body['invocations'] as Array<Record<string, unknown>>;
    assert.equal(newest?.['invocationId'], second.body['invocationId']);
    assert.equal(newest?.['exitCode'], 3);
    assert.equal(newest?.['code'], 'FUNCTION_FAILED');
    assert.equal(newest?.['status'], 502);
    assert.equal(newest?.['stderrCut'], true);
    assert.ok(String(newest?.['stderr']).endsWith('the end\n'));
    assert.ok(String(newest?.['stderr']).length <= 4096);
    assert.equal(oldest?.['invocationId'], first.body['invocationId']);
    assert.deepEqual([oldest?.['code'], oldest?.['worker'], oldest?.['stderr'], oldest?.['stderrCut']], ['OK', 'worker-9', 'note\n', false]);
  });

  it('keeps at most 100 invocations per function', async (t) => {
    const gw = await startGateway(t);
    await deployPython(gw.url);
    for (let i = 0; i < 105; i++) await post(`${gw.url}/invoke?fn=echo`, 'x');

    const history = await request(`${gw.url}/function/echo/invocations`);

    assert.equal((history.body['invocations'] as unknown[]).length, 100);
  });

  it('records platform failures that never reached a worker too', async (t) => {
    const gw = await startGateway(t, { answer: () => new FaasError('QUEUE_FULL', 'full') });
    await deployPython(gw.url);
    await post(`${gw.url}/invoke?fn=echo`, 'x');

    const [entry] = (await request(`${gw.url}/function/echo/invocations`)).body['invocations'] as Array<Record<string, unknown>>;

    assert.deepEqual([entry?.['code'], entry?.['status'], entry?.['exitCode'], entry?.['worker']], ['QUEUE_FULL', 429, null, null]);
  });
});

describe('metrics', () => {
  it('counts invocations, latency, cold starts and deploys, and reports queue and workers asked at scrape time', async (t) => {
    const gw = await startGateway(t, { workers: 3, answer: () => result('OUTCOME_OK', 'ok') });
    await deployPython(gw.url);
    await post(`${gw.url}/deploy?name=cfn&lang=c`, 'int main(void){return 0;}\n');
    await post(`${gw.url}/invoke?fn=echo`, 'x');
    await post(`${gw.url}/invoke?fn=echo`, 'x');

    const res = await fetch(`${gw.url}/metrics`);
    const text = await res.text();

    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const expected = [
      'gateway_function_invocation_total{function_name="echo",code="200"} 2',
      'gateway_functions_seconds_count{function_name="echo",code="200"} 2',
      'gateway_function_cold_starts_total{function_name="echo"} 2',
      'gateway_function_deploys_total{language="python",result="ok"} 1',
      'gateway_function_deploys_total{language="c",result="ok"} 1',
      'gateway_compile_seconds_count{language="c"} 1',
      'dispatcher_queue_depth 3',
      'load_balancer_waiting_invocations 2',
      'load_balancer_workers{state="idle"} 2',
      'load_balancer_workers{state="busy"} 1',
      'load_balancer_worker_jobs_done{worker="worker-2"} 7',
      'load_balancer_strategy_info{strategy="RR"} 1',
      'gateway_backend_up 1',
    ];
    for (const line of expected) assert.ok(text.includes(line), `missing: ${line}`);
  });

  it('still answers when the dispatcher is down, with gateway_backend_up 0', async (t) => {
    const gw = await startGateway(t, { noDispatcher: true });

    const text = await (await fetch(`${gw.url}/metrics`)).text();

    assert.ok(text.includes('gateway_backend_up 0'));
  });
});

describe('load-balancing strategy', () => {
  it('reads the strategy and switches it with PUT {"strategy":...}', async (t) => {
    const gw = await startGateway(t);

    const before = await request(`${gw.url}/lb/strategy`);
    const put = await request(`${gw.url}/lb/strategy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"strategy":"fifo"}' });

    assert.equal(before.body['strategy'], 'RR');
    assert.deepEqual(before.body['available'], ['RR', 'FIFO', 'WEIGHTED']);
    assert.equal(put.status, 200);
    assert.equal(put.body['strategy'], 'FIFO');
    assert.equal(gw.strategy(), 'FIFO');
  });

  for (const [what, body] of [
    ['an unknown strategy', '{"strategy":"coin"}'],
    ['a body that is not JSON', 'FIFO'],
    ['a body without a strategy', '{"mode":"FIFO"}'],
  ] as const) {
    it(`answers 400 BAD_REQUEST for ${what}`, async (t) => {
      const gw = await startGateway(t);

      const put = await request(`${gw.url}/lb/strategy`, { method: 'PUT', body });

      assert.equal(put.status, 400);
      assert.equal(put.body['code'], 'BAD_REQUEST');
      assert.equal(gw.strategy(), 'RR');
    });
  }

  it('needs the API token to switch and refuses a cross-site switch', async (t) => {
    const gw = await startGateway(t, { apiToken: 'tok-123' });
    const body = '{"strategy":"FIFO"}';

    const none = await request(`${gw.url}/lb/strategy`, { method: 'PUT', body });
    const crossSite = await request(`${gw.url}/lb/strategy`, { method: 'PUT', body, headers: { authorization: 'Bearer tok-123', 'sec-fetch-site': 'cross-site' } });
    const ok = await request(`${gw.url}/lb/strategy`, { method: 'PUT', body, headers: { authorization: 'Bearer tok-123' } });

    assert.equal(none.status, 401);
    assert.equal(crossSite.status, 403);
    assert.equal(ok.status, 200);
    assert.equal(gw.strategy(), 'FIFO');
  });
});
