import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deploy, EXAMPLES, invoke, request, startTestStack, type TestStack } from './harness.js';

const SECRET = 'env-secret-5b1e0c';
const PAYLOAD = 'payload-marker-93af';
const withEnv = (env: Record<string, string>) => ({ 'x-function-env': JSON.stringify(env) });

describe('operating a running system', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ workers: 2, env: { FAAS_LOG_LEVEL: 'debug', FAAS_KEEP_VERSIONS: '3' } });
  });
  after(async () => {
    await stack?.destroy();
  });

  const deployWith = (name: string, lang: string, source: string | Buffer, headers: Record<string, string> = {}) =>
    request(`${stack.url}/deploy?name=${name}&lang=${lang}`, { method: 'POST', headers, body: source });

  it('serves a python function as a web page through /fn, with the request in CGI variables', async () => {
    const deployed = await deployWith('web', 'python', readFileSync(join(EXAMPLES, 'web.py')), withEnv({ GREETING: 'Bonjour' }));
    assert.equal(deployed.status, 201, JSON.stringify(deployed.body));

    const got = await fetch(`${stack.url}/fn/web/some/path?name=Ada%20%3Cb%3E`);
    const posted = await fetch(`${stack.url}/fn/web`, { method: 'POST', body: 'Grace' });

    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(got.headers.get('content-security-policy') ?? '', /^sandbox/);
    assert.equal(await got.text(), '<h1>Bonjour, Ada &lt;b&gt;!</h1>\n<p>GET /some/path</p>\n');
    assert.equal(await posted.text(), '<h1>Bonjour, Grace!</h1>\n<p>POST /</p>\n');
  });

  it('serves an html function as a sandboxed page and a C function\'s output as text', async () => {
    await deploy(stack.url, 'page', 'html', readFileSync(join(EXAMPLES, 'hello.html')));
    await deploy(stack.url, 'hello-c', 'c', readFileSync(join(EXAMPLES, 'hello.c')));

    const page = await fetch(`${stack.url}/fn/page`);
    const text = await fetch(`${stack.url}/fn/hello-c`, { method: 'POST', body: 'web' });

    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await page.text(), readFileSync(join(EXAMPLES, 'hello.html'), 'utf8'));
    assert.equal(text.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(await text.text(), 'Hello, web! (from C)\n');
  });

  it('gives a WASM function its deploy-time environment', async () => {
    const source = '#include <stdio.h>\n#include <stdlib.h>\nint main(void){const char*v=getenv("API_TOKEN");printf("%s\\n",v?v:"unset");return 0;}\n';
    const deployed = await deployWith('envc', 'c', source, withEnv({ API_TOKEN: SECRET }));
    assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
    assert.deepEqual(deployed.body['env'], ['API_TOKEN']);

    const ran = await invoke(stack.url, 'envc');

    assert.equal(ran.body.output, `${SECRET}\n`);
    assert.ok(!JSON.stringify((await request(`${stack.url}/function/envc`)).body).includes(SECRET));
  });

  it('tells a function called through /fn its invocation id, the one the reply header gives', async () => {
    await deploy(stack.url, 'whoami', 'python', 'import os\nprint(os.environ.get("INVOCATION_ID", "unset"))\n');

    const served = await fetch(`${stack.url}/fn/whoami`);
    const invoked = await invoke(stack.url, 'whoami');

    assert.match(served.headers.get('x-invocation-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(await served.text(), `${served.headers.get('x-invocation-id')}\n`);
    assert.equal(invoked.body.output, 'unset\n', '/invoke passes only the function\'s own variables');
  });

  it('refuses variable names no hop can carry, and keeps the stored version', async () => {
    const refused = await deployWith('whoami', 'python', 'print(1)\n', { 'x-function-env': '{"__proto__":"x","B":"y"}' });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.match(String(refused.body['error']), /__proto__/);
    assert.equal((await invoke(stack.url, 'whoami')).body.output, 'unset\n');
  });

  it('stops serving a deleted function at once, even one warm on a worker, and removes its files', async () => {
    await deploy(stack.url, 'short-lived', 'c', readFileSync(join(EXAMPLES, 'hello.c')));
    const id = String((await request(`${stack.url}/function/short-lived`)).body.id);
    for (let i = 0; i < 4; i++) assert.equal((await invoke(stack.url, id)).status, 200);

    const deleted = await request(`${stack.url}/function/short-lived`, { method: 'DELETE' });

    assert.equal(deleted.status, 200);
    assert.deepEqual(deleted.body['deleted'], [id]);
    for (const fn of [id, 'short-lived']) assert.equal((await invoke(stack.url, fn)).body.code, 'FUNCTION_NOT_FOUND');
    assert.equal((await fetch(`${stack.url}/fn/short-lived`)).status, 404);
    assert.ok(!(await request(`${stack.url}/functions`)).body['functions']?.toString().includes('short-lived'));
  });

  it('keeps FAAS_KEEP_VERSIONS versions per name', async () => {
    for (let i = 0; i < 5; i++) await deploy(stack.url, 'many', 'js', `console.log(${i})`);

    const versions = await request(`${stack.url}/function/many/versions`);

    assert.equal((versions.body['versions'] as unknown[]).length, 3);
    assert.equal((await invoke(stack.url, 'many')).body.output, '4\n');
  });

  it('lists the invocations of a function newest first, with worker, exit code and stderr', async () => {
    await deploy(stack.url, 'flaky', 'python', 'import sys\nprint("out")\nsys.stderr.write("went wrong\\n")\nsys.exit(3)\n');
    const failed = await invoke(stack.url, 'flaky');

    const history = await request(`${stack.url}/function/flaky/invocations`);

    const [entry] = history.body['invocations'] as Array<Record<string, unknown>>;
    assert.equal(entry?.['invocationId'], failed.body['invocationId']);
    assert.equal(entry?.['exitCode'], 3);
    assert.equal(entry?.['code'], 'FUNCTION_FAILED');
    assert.equal(entry?.['stderr'], 'went wrong\n');
    assert.match(String(entry?.['worker']), /^worker-\d$/);
  });

  it('switches the load-balancing strategy at run time', async () => {
    const switched = await request(`${stack.url}/lb/strategy`, { method: 'PUT', body: '{"strategy":"FIFO"}' });
    const health = await request(`${stack.url}/healthz`);

    assert.equal(switched.body['strategy'], 'FIFO');
    assert.equal(health.body['strategy'], 'FIFO');
    assert.equal((await invoke(stack.url, 'hello-c', 'again')).body.output, 'Hello, again! (from C)\n');
    await request(`${stack.url}/lb/strategy`, { method: 'PUT', body: '{"strategy":"RR"}' });
  });

  it('exposes Prometheus metrics of every service at /metrics', async () => {
    const text = await (await fetch(`${stack.url}/metrics`)).text();

    assert.match(text, /^gateway_function_invocation_total\{function_name="hello-c",code="200"\} \d+$/m);
    assert.match(text, /^gateway_function_invocation_total\{function_name="flaky",code="502"\} 1$/m);
    assert.match(text, /^gateway_functions_seconds_bucket\{le="0\.1",function_name="hello-c",code="200"\} \d+$/m);
    // Every worker loaded hello-c when it was deployed (Prepare), so no call of it started cold.
    assert.doesNotMatch(text, /^gateway_function_cold_starts_total\{function_name="hello-c"\} [1-9]/m);
    assert.match(text, /^gateway_compile_seconds_count\{language="c"\} [1-9]/m);
    assert.match(text, /^load_balancer_workers\{state="idle"\} 2$/m);
    assert.match(text, /^dispatcher_queue_depth 0$/m);
    assert.match(text, /^gateway_backend_up 1$/m);
  });

  it('writes the invocation id into the log lines of every service, and never the payload or a secret', async () => {
    const ran = await invoke(stack.url, 'envc', PAYLOAD);
    const id = String(ran.body['invocationId']);
    // Logs arrive through pipes: give the last lines a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const services = new Set(stack.logs.filter((line) => line.includes(id)).map((line) => line.slice(0, line.indexOf(':'))));

    assert.deepEqual([...services].map((s) => s.replace(/-\d$/, '')).sort(), ['dispatcher', 'gateway', 'load-balancer', 'worker']);
    assert.deepEqual(stack.logs.filter((line) => line.includes(PAYLOAD) || line.includes(SECRET) || line.includes('Bonjour')), []);
  });
});
