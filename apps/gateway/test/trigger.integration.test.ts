import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaasError } from '@minifaas/protocol';
import { deployPython, post, request, result, startGateway } from './fake-neighbours.js';

const CSP = /^sandbox\b/;

describe('HTTP trigger /fn/NAME', () => {
  it('answers with the output itself as text/plain, sandboxed, with the invocation id', async (t) => {
    const gw = await startGateway(t, { answer: () => result('OUTCOME_OK', 'Hello, web!\n') });
    await deployPython(gw.url, 'web');

    const res = await fetch(`${gw.url}/fn/web`);

    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'Hello, web!\n');
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.match(res.headers.get('content-security-policy') ?? '', CSP);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-invocation-id'), gw.forwarded[0]?.invocationIdHeader);
  });

  it('maps method, path, query and selected headers into CGI variables and the body into stdin', async (t) => {
    const gw = await startGateway(t, { apiToken: 'tok' });
    await deployPython(gw.url, 'web', { authorization: 'Bearer tok' });

    await fetch(`${gw.url}/fn/web/items/caf%C3%A9?q=1&r=a%20b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'test-agent', 'x-trace': 't-1', authorization: 'Bearer tok', 'x-forwarded-for': '10.0.0.1' },
      body: '{"n":1}',
    });

    const sent = gw.forwarded[0]?.request;
    assert.equal(Buffer.from(sent?.stdin ?? []).toString(), '{"n":1}');
    const env = sent?.env ?? {};
    assert.equal(env['REQUEST_METHOD'], 'POST');
    assert.equal(env['SCRIPT_NAME'], '/fn/web');
    assert.equal(env['PATH_INFO'], '/items/café');
    assert.equal(env['QUERY_STRING'], 'q=1&r=a%20b');
    assert.equal(env['REQUEST_URI'], '/fn/web/items/caf%C3%A9?q=1&r=a%20b');
    assert.equal(env['CONTENT_TYPE'], 'application/json');
    assert.equal(env['CONTENT_LENGTH'], '7');
    assert.equal(env['HTTP_USER_AGENT'], 'test-agent');
    assert.equal(env['HTTP_X_TRACE'], 't-1');
    assert.equal(env['GATEWAY_INTERFACE'], 'CGI/1.1');
    assert.equal(env['HTTP_AUTHORIZATION'], undefined);
    assert.ok(!JSON.stringify(env).includes('Bearer'), 'the token reached the function');
  });

  it('runs a HEAD as a GET and answers with the headers only', async (t) => {
    const gw = await startGateway(t, { answer: () => result('OUTCOME_OK', 'Hello, web!\n') });
    await deployPython(gw.url, 'web');

    const res = await fetch(`${gw.url}/fn/web`, { method: 'HEAD' });

    assert.equal(res.status, 200);
    assert.equal(await res.text(), '');
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(gw.forwarded[0]?.request?.env?.['REQUEST_METHOD'], 'GET');
  });

  it('serves an html function as a text/html page', async (t) => {
    const gw = await startGateway(t, { answer: () => result('OUTCOME_OK', '<h1>hi</h1>') });
    await post(`${gw.url}/deploy?name=page&lang=html`, '<h1>hi</h1>');

    const res = await fetch(`${gw.url}/fn/page`);

    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(res.headers.get('content-security-policy') ?? '', CSP);
    assert.equal(await res.text(), '<h1>hi</h1>');
  });

  it('lets a function set its content type and status with a CGI header block', async (t) => {
    const output = 'Status: 404 Not Found\r\nContent-Type: application/json\r\nSet-Cookie: a=b\r\n\r\n{"error":"no such item"}';
    const gw = await startGateway(t, { answer: () => result('OUTCOME_OK', output) });
    await deployPython(gw.url, 'api');

    const res = await fetch(`${gw.url}/fn/api/items/9`);

    assert.equal(res.status, 404);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.headers.get('set-cookie'), null);
    assert.equal(await res.text(), '{"error":"no such item"}');
  });

  it('answers 502 FUNCTION_FAILED as JSON without the function\'s stderr when it fails', async (t) => {
    const gw = await startGateway(t, { answer: () => result('OUTCOME_EXIT_NONZERO', 'partial', 'secret trace', 1) });
    await deployPython(gw.url, 'broken');

    const res = await fetch(`${gw.url}/fn/broken`, { method: 'POST', body: 'x' });
    const body = (await res.json()) as Record<string, unknown>;

    assert.equal(res.status, 502);
    assert.equal(body['code'], 'FUNCTION_FAILED');
    assert.equal(body['invocationId'], res.headers.get('x-invocation-id'));
    assert.ok(!JSON.stringify(body).includes('secret trace'));
    assert.match(res.headers.get('content-security-policy') ?? '', CSP);
  });

  for (const [error, status] of [
    [new FaasError('QUEUE_FULL', 'full'), 429],
    [new FaasError('NO_WORKER', 'none'), 503],
  ] as const) {
    it(`answers ${status} ${error.code} when the platform cannot run it`, async (t) => {
      const gw = await startGateway(t, { answer: () => error });
      await deployPython(gw.url, 'web');

      const res = await fetch(`${gw.url}/fn/web`);

      assert.equal(res.status, status);
      assert.equal(((await res.json()) as { code: string }).code, error.code);
    });
  }

  it('answers 404 FUNCTION_NOT_FOUND for an unknown function and 405 for PUT', async (t) => {
    const gw = await startGateway(t);
    await deployPython(gw.url, 'web');

    const missing = await fetch(`${gw.url}/fn/nope`);
    const put = await fetch(`${gw.url}/fn/web`, { method: 'PUT' });

    assert.equal(missing.status, 404);
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET, HEAD, POST');
  });

  it('puts its sandbox headers on the refusals that come before the function runs too', async (t) => {
    const gw = await startGateway(t, { invokeToken: 'inv' });
    await deployPython(gw.url, 'web', { authorization: 'Bearer inv' });

    const refusals = [
      await fetch(`${gw.url}/fn/web`),
      await fetch(`${gw.url}/fn/web`, { method: 'PUT', headers: { authorization: 'Bearer inv' } }),
      await fetch(`${gw.url}/fn/%ZZ`, { headers: { authorization: 'Bearer inv' } }),
      await fetch(`${gw.url}/fn/nope`, { headers: { authorization: 'Bearer inv' } }),
    ];

    assert.deepEqual(refusals.map((r) => r.status), [401, 405, 400, 404]);
    for (const res of refusals) {
      assert.match(res.headers.get('content-security-policy') ?? '', CSP, `${res.status}`);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  it('records the status the caller got, a function\'s own Status line included', async (t) => {
    const gw = await startGateway(t, { answer: () => result('OUTCOME_OK', 'Status: 404 Not Found\n\nnone here') });
    await deployPython(gw.url, 'api');

    const res = await fetch(`${gw.url}/fn/api`);
    const history = await request(`${gw.url}/function/api/invocations`);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();

    assert.equal(res.status, 404);
    assert.equal((history.body['invocations'] as Array<{ status: number }>)[0]?.status, 404);
    assert.match(metrics, /gateway_function_invocation_total\{function_name="api",code="404"\} 1/);
  });

  it('serves output whose header block holds control characters as plain text instead of failing', async (t) => {
    const gw = await startGateway(t, { answer: () => result('OUTCOME_OK', 'Content-Type: text/html\x01\n\nbody') });
    await deployPython(gw.url, 'ctl');

    const res = await fetch(`${gw.url}/fn/ctl`);

    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(await res.text(), 'Content-Type: text/html\x01\n\nbody');
  });

  it('drops request headers with an underscore, which would pose as a dashed one, and keeps a trailing slash in PATH_INFO', async (t) => {
    const gw = await startGateway(t);
    await deployPython(gw.url, 'web');

    await fetch(`${gw.url}/fn/web/`, { headers: { 'x-forwarded-for': '10.0.0.1', 'x-forwarded_for': '6.6.6.6' } });

    const env = gw.forwarded[0]?.request.env ?? {};
    assert.equal(env['HTTP_X_FORWARDED_FOR'], '10.0.0.1');
    assert.equal(env['PATH_INFO'], '/');
  });

  it('takes a POST from a sandboxed page (Origin: null) but /invoke still refuses it', async (t) => {
    const gw = await startGateway(t);
    await deployPython(gw.url, 'web');
    const fromPage = { origin: 'null', 'sec-fetch-site': 'cross-site' };

    const trigger = await fetch(`${gw.url}/fn/web`, { method: 'POST', headers: fromPage, body: 'a=1' });
    const invoke = await post(`${gw.url}/invoke?fn=web`, 'x', fromPage);

    assert.equal(trigger.status, 200);
    assert.equal(invoke.status, 403);
  });
});
