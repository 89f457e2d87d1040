// Case 20 (docs: /work/shared/cases/20-bad-requests.md; port of 20-bad-requests.sh): unknown or
// repeated parameters, empty bodies and unknown functions get JSON 4xx replies, never a 500.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request, startTestStack, type TestStack } from '../harness.js';
import {
  expectAll,
  itStaysAlive,
  prepareLiveness,
  rawRequest,
  type Liveness,
  type RawReply,
} from './case-helpers.js';

interface BadRequest {
  label: string;
  method: 'GET' | 'POST';
  path: string;
  body: string;
  /** Statuses the case accepts. */
  statuses: number[];
  /** The code the reply must carry (SPEC DECISION), when the case fixes one. */
  code?: string;
  /** A regex the `error` must match, when the case gives one. */
  error?: RegExp;
}

const REQUESTS: BadRequest[] = [
  {
    label: 'lang=cobol',
    method: 'POST',
    path: '/deploy?name=qa-x&lang=cobol',
    body: 'print 1',
    statuses: [400],
    code: 'UNKNOWN_LANGUAGE',
    error: /cobol|python/,
  },
  {
    label: 'lang missing',
    method: 'POST',
    path: '/deploy?name=qa-x',
    body: 'console.log(1)',
    statuses: [400],
    code: 'BAD_REQUEST',
  },
  {
    label: 'name missing',
    method: 'POST',
    path: '/deploy?lang=js',
    body: 'console.log(1)',
    statuses: [400],
    code: 'BAD_REQUEST',
  },
  {
    label: 'empty body js',
    method: 'POST',
    path: '/deploy?name=qa-x&lang=js',
    body: '',
    statuses: [400],
    code: 'EMPTY_SOURCE',
    error: /empty/i,
  },
  {
    label: 'blank body python',
    method: 'POST',
    path: '/deploy?name=qa-x&lang=python',
    body: '\n  \n',
    statuses: [400],
    code: 'EMPTY_SOURCE',
    error: /only whitespace \(4 bytes\)/,
  },
  {
    label: 'empty body html',
    method: 'POST',
    path: '/deploy?name=qa-x&lang=html',
    body: '',
    statuses: [400],
    code: 'EMPTY_SOURCE',
    error: /empty/i,
  },
  {
    label: 'duplicate lang',
    method: 'POST',
    path: '/deploy?name=qa-x&lang=js&lang=c',
    body: 'console.log(1)',
    statuses: [400],
    code: 'BAD_REQUEST',
  },
  {
    label: 'duplicate name',
    method: 'POST',
    path: '/deploy?name=a&name=b&lang=js',
    body: 'console.log(1)',
    statuses: [400],
    code: 'BAD_REQUEST',
  },
  {
    label: 'name[a]=x (qs object)',
    method: 'POST',
    path: '/deploy?name[a]=x&lang=js',
    body: 'console.log(1)',
    statuses: [400],
    code: 'BAD_REQUEST',
  },
  {
    label: 'name of 10 000 chars',
    method: 'POST',
    path: `/deploy?name=${'a'.repeat(10_000)}&lang=js`,
    body: 'console.log(1)',
    statuses: [400, 414],
  },
  {
    label: 'GET /deploy',
    method: 'GET',
    path: '/deploy?name=qa-x&lang=js',
    body: '',
    statuses: [405],
    code: 'METHOD_NOT_ALLOWED',
  },
  {
    label: 'invoke without fn',
    method: 'POST',
    path: '/invoke',
    body: '',
    statuses: [400],
    code: 'BAD_REQUEST',
  },
  {
    label: 'invoke unknown fn',
    method: 'POST',
    path: '/invoke?fn=does-not-exist',
    body: '',
    statuses: [404],
    code: 'FUNCTION_NOT_FOUND',
    error: /not found/i,
  },
  {
    label: 'invoke fn=../..',
    method: 'POST',
    path: '/invoke?fn=..%2F..%2Fetc',
    body: '',
    statuses: [404],
    code: 'FUNCTION_NOT_FOUND',
    error: /not found/i,
  },
  {
    label: 'GET unknown function',
    method: 'GET',
    path: '/function/does-not-exist',
    body: '',
    statuses: [404],
    code: 'FUNCTION_NOT_FOUND',
  },
];

/** What an HTML error page or a leaked stack trace looks like. */
const NOT_AN_API_REPLY = /<html|<!doctype|<pre>|\n\s+at \S+ \(/i;

/** As the script sends every request: a body (maybe empty) labelled octet-stream. */
function send(stack: TestStack, method: string, path: string, body: string): Promise<RawReply> {
  return rawRequest(stack.url, method, path, {
    body,
    headers: { 'content-type': 'application/octet-stream' },
  });
}

describe('case 20: bad requests get JSON 4xx replies', () => {
  let stack: TestStack;
  let liveness: Liveness;
  let jsUpperId: string | undefined;

  before(async () => {
    stack = await startTestStack();
    liveness = await prepareLiveness(stack, ['html']);
  });
  after(async () => {
    await stack?.destroy();
  });

  for (const r of REQUESTS) {
    it(`answers ${r.label} with ${r.statuses.join(' or ')}${r.code ? ` ${r.code}` : ''} as JSON`, async () => {
      const reply = await send(stack, r.method, r.path, r.body);
      expectAll(
        `${r.method} ${r.path.slice(0, 80)}: HTTP ${reply.status} ${reply.text.slice(0, 300)}`,
        [
          [r.statuses.includes(reply.status), `HTTP ${r.statuses.join(' or ')}`],
          [reply.json !== undefined && 'ok' in reply.json, 'a JSON body with an ok field'],
          [reply.json?.ok === false, 'ok:false'],
          [r.code === undefined || reply.json?.code === r.code, `code ${r.code}`],
          [
            r.error === undefined || r.error.test(String(reply.json?.error)),
            `error matching ${r.error}`,
          ],
          [!NOT_AN_API_REPLY.test(reply.text), 'no HTML page and no stack trace'],
        ],
      );
      if (r.method === 'GET' && r.path.startsWith('/deploy'))
        assert.equal(reply.headers.allow, 'POST');
    });
  }

  it('answers lang=JS (upper case) with 400, or deploys it as js — never 500', async () => {
    const reply = await send(stack, 'POST', '/deploy?name=qa-x&lang=JS', 'console.log(1)');
    const where = `HTTP ${reply.status} ${reply.text.slice(0, 300)}`;
    assert.ok(reply.status === 400 || reply.status === 201, where);
    assert.ok(reply.json && 'ok' in reply.json, where);
    if (reply.status === 400) return;
    assert.equal(reply.json.lang, 'js', where);
    jsUpperId = String(reply.json.id);
  });

  it('deploys and invokes a valid html function', async () => {
    const deployed = await send(
      stack,
      'POST',
      '/deploy?name=qa-html20&lang=html',
      '<h1>hello from html</h1>\n',
    );
    assert.equal(deployed.status, 201, deployed.text);
    const ran = await send(stack, 'POST', `/invoke?fn=${String(deployed.json?.id)}`, '');
    assert.equal(ran.status, 200, ran.text);
    assert.equal(ran.json?.ok, true, ran.text);
    assert.equal(ran.json?.output, '<h1>hello from html</h1>\n', ran.text);
  });

  it('stored nothing named qa-x from any rejected call', async () => {
    const got = await request(`${stack.url}/function/qa-x`);
    if (jsUpperId === undefined) {
      assert.equal(got.status, 404, JSON.stringify(got.body));
      return;
    }
    // lang=JS was accepted as js: that deploy is the only version of qa-x.
    assert.equal(got.body.id, jsUpperId, JSON.stringify(got.body));
    assert.equal(got.body.versions, 1, JSON.stringify(got.body));
  });

  itStaysAlive(
    () => stack,
    () => liveness,
    ['html'],
  );
});
