import assert from 'node:assert/strict';
import { it, type TestContext } from 'node:test';
import { startGateway } from './fake-neighbours.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean>; stack: Array<{ handle: { name: string } }> };
}

/** Every `METHOD path` express serves, in OpenAPI's spelling (`:name` → `{name}`, `*rest` → `{rest}`). */
function servedRoutes(app: { router: { stack: Layer[] } }): string[] {
  const served = new Set<string>();
  for (const layer of app.router.stack) {
    // app.all() answers 405 on every path for every other method: not a route of its own.
    if (!layer.route || layer.route.stack.some((l) => l.handle.name === 'answerMethodNotAllowed')) continue;
    const path = layer.route.path.replace(/[:*](\w+)/g, '{$1}');
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on) served.add(`${method.toUpperCase()} ${path}`);
    }
  }
  return [...served].sort();
}

async function documented(t: TestContext) {
  const gw = await startGateway(t);
  const res = await fetch(`${gw.url}/openapi.json`);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  return { gw, res, doc };
}

it('serves an OpenAPI 3.1 document describing exactly the routes express serves', async (t) => {
  const { gw, res, doc } = await documented(t);

  const described = Object.entries(doc.paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();

  assert.equal(res.status, 200);
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(servedRoutes(gw.gateway.app as unknown as { router: { stack: Layer[] } }), described);
});

it('documents every error code the API can answer with', async (t) => {
  const { doc } = await documented(t);
  const schemas = (doc as unknown as { components: { schemas: { Error: { properties: { code: { enum: string[] } } } } } }).components.schemas;

  assert.ok(schemas.Error.properties.code.enum.includes('FUNCTION_NOT_FOUND'));
  assert.ok(schemas.Error.properties.code.enum.length >= 20);
});

type Operation = { security?: unknown[]; responses: Record<string, unknown> };

it('documents the status each route answers to a missing token, a cross-site request, an unknown parameter and an empty body', async (t) => {
  const { gw, doc } = await documented(t);
  const guarded = await startGateway(t, { apiToken: 'api-token', invokeToken: 'invoke-token' });
  const probes = [
    { label: 'no token', url: guarded.url, headers: {} },
    { label: 'cross-site', url: guarded.url, headers: { authorization: 'Bearer api-token', 'sec-fetch-site': 'cross-site' } },
    { label: 'unknown parameter', url: gw.url, headers: {}, query: '?bogus=1' },
    { label: 'plain', url: gw.url, headers: {} },
  ];
  const undocumented: string[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    const path = template.replace('{name}', 'nope').replace('{id}', 'nope_1').replace('{rest}', 'a/b');
    for (const [method, operation] of Object.entries(operations as Record<string, Operation>)) {
      for (const probe of probes) {
        const abort = new AbortController();
        const res = await fetch(`${probe.url}${path}${probe.query ?? ''}`, { method: method.toUpperCase(), headers: probe.headers, signal: abort.signal });
        abort.abort(); // /events never ends; the status line is all this needs
        if (!(String(res.status) in operation.responses)) undocumented.push(`${method.toUpperCase()} ${template} (${probe.label}): ${res.status}`);
        if (res.status === 401 && !operation.security) undocumented.push(`${method.toUpperCase()} ${template}: 401 without a security entry`);
      }
    }
  }

  assert.deepEqual(undocumented, []);
});
