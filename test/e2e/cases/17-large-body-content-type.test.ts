// Case 17 (docs: /work/shared/cases/17-large-body-content-type.md; port of 17-bodies.sh): large
// bodies arrive exactly or get a quick JSON 413, and no Content-Type changes the bytes.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { invoke, request, startTestStack, type TestStack } from '../harness.js';
import {
  deployFixture,
  expectAll,
  itStaysAlive,
  MiB,
  prepareLiveness,
  rawRequest,
  readCaseFixture,
  timed,
  type Liveness,
  type RawReply,
} from './case-helpers.js';

/** The platform's defaults, which the case's sizes are about (10 MiB bodies, 1 MiB sources). */
const MAX_BODY_BYTES = 10 * MiB;

/** What 17-bodyhash.py prints for a body: its length and sha256. */
function lenAndHash(body: Buffer): string {
  return `${body.length} ${createHash('sha256').update(body).digest('hex')}\n`;
}

function showRaw(reply: RawReply, elapsedMs?: number): string {
  const text = reply.text.length > 300 ? `${reply.text.slice(0, 300)}…` : reply.text;
  return `HTTP ${reply.status} ${text}${elapsedMs === undefined ? '' : ` after ${Math.round(elapsedMs)} ms`}`;
}

/** The 180 000-byte text of the script: `a+b=c&d=%41 é\n` 12 000 times. */
const TEXT_BODY = Buffer.from('a+b=c&d=%41 \u00e9\n'.repeat(12_000), 'utf8');
const TEXT_EXPECTED = '180000 5208062d37475b3c79c52cef6057f1bda4b276d871a729695da13b4f25bbc0e9\n';

/** Content-Type variants of the script: none at all, curl's default for --data-binary, and four. */
const CONTENT_TYPES: Array<[label: string, contentType: string | undefined]> = [
  ['no Content-Type header', undefined],
  ["curl's default (application/x-www-form-urlencoded)", 'application/x-www-form-urlencoded'],
  ['text/plain', 'text/plain'],
  ['application/json (not valid JSON)', 'application/json'],
  ['explicit application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
  ['application/octet-stream', 'application/octet-stream'],
];

describe('case 17: large request bodies and Content-Type handling', () => {
  let stack: TestStack;
  let liveness: Liveness;
  let hashId: string;
  let tenMiBElapsedMs = NaN;

  before(async () => {
    stack = await startTestStack();
    liveness = await prepareLiveness(stack, ['python', 'c', 'js']);
    hashId = await deployFixture(stack, 'qa-bodyhash', 'python', '17-bodyhash.py');
  });
  after(async () => {
    await stack?.destroy();
  });

  function invokeRaw(body: Buffer, contentType: string | undefined) {
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    return timed(() => rawRequest(stack.url, 'POST', `/invoke?fn=${hashId}`, { body, headers }));
  }

  for (const mib of [1, 10]) {
    it(`passes a ${mib} MiB random body to the function byte for byte`, async () => {
      const body = randomBytes(mib * MiB);
      const { value: reply, elapsedMs } = await invokeRaw(body, 'application/octet-stream');
      if (mib === 10) tenMiBElapsedMs = elapsedMs;
      expectAll(showRaw(reply, elapsedMs), [
        [reply.status === 200, 'HTTP 200'],
        [reply.json?.ok === true, 'ok:true'],
        [
          reply.json?.output === lenAndHash(body),
          `output ${JSON.stringify(lenAndHash(body))} (EXACT)`,
        ],
      ]);
    });
  }

  it('refuses a 50 MiB body with a JSON 413 PAYLOAD_TOO_LARGE before reading it all', async (t) => {
    assert.ok(50 * MiB > MAX_BODY_BYTES);
    const { value: reply, elapsedMs } = await invokeRaw(
      randomBytes(50 * MiB),
      'application/octet-stream',
    );
    t.diagnostic(
      `50 MiB: reply headers after ${Math.round(reply.headersMs)} ms, body sent after ${Math.round(reply.sentMs)} ms; the 10 MiB call took ${Math.round(tenMiBElapsedMs)} ms`,
    );
    expectAll(
      `${showRaw(reply, elapsedMs)}; headers after ${Math.round(reply.headersMs)} ms, body sent after ${Math.round(reply.sentMs)} ms`,
      [
        [reply.status === 413, 'HTTP 413'],
        [reply.json?.ok === false, 'JSON with ok:false'],
        [reply.json?.code === 'PAYLOAD_TOO_LARGE', 'code PAYLOAD_TOO_LARGE'],
        [/too large|limit/i.test(String(reply.json?.error)), 'error matching /too large|limit/i'],
        // The case: rejected on Content-Length, not after taking in all 50 MiB. Comparing total
        // times with the 10 MiB call (as the script does) is noise-bound; this is the same fact.
        [
          !(reply.sentMs <= reply.headersMs),
          'the 413 arrived before the client had sent the whole body',
        ],
      ],
    );
  });

  it('checks its own 180 000-byte text body against the case', () => {
    assert.equal(lenAndHash(TEXT_BODY), TEXT_EXPECTED);
  });

  for (const [label, contentType] of CONTENT_TYPES) {
    it(`passes a text body sent with ${label} unchanged`, async () => {
      const { value: reply } = await invokeRaw(TEXT_BODY, contentType);
      assert.equal(reply.status, 200, showRaw(reply));
      assert.equal(reply.json?.output, TEXT_EXPECTED, showRaw(reply));
    });
  }

  it("keeps C source sent with curl's default form Content-Type byte for byte, and runs it", async () => {
    const source = readCaseFixture('17-plusplus.c');
    const deployed = await request(`${stack.url}/deploy?name=qa-plusplus&lang=c`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: source,
    });
    assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
    const listed = await request(`${stack.url}/function/qa-plusplus`);
    assert.equal(listed.body.code, source.toString('utf8'), 'GET source: CHANGED');
    const ran = await invoke(stack.url, String(deployed.body.id));
    assert.equal(ran.status, 200, JSON.stringify(ran.body));
    assert.equal(ran.body.output, 'a+b=5 i=1 pct=100%\n');
  });

  // The case's source is a 1 MiB literal plus 37 bytes of code, 37 bytes over the 1 MiB source
  // cap that issue #3 sets; docs/limits.md records the decision: a source of exactly the cap
  // deploys (the route is not held to express's 100 KB default) and one byte more is a 413.
  it('deploys a JavaScript source of exactly the 1 MiB cap and runs it, and refuses one byte more', async () => {
    const code = (n: number) => `const s = "${'z'.repeat(n)}";\nconsole.log(s.length);\n`;
    const literal = MiB - (code(0).length);
    const source = Buffer.from(code(literal));
    assert.equal(source.length, MiB);
    const { value: deployed, elapsedMs } = await timed(() =>
      rawRequest(stack.url, 'POST', '/deploy?name=qa-bigsrc&lang=js', {
        body: source,
        headers: { 'content-type': 'application/octet-stream' },
      }),
    );
    assert.equal(deployed.status, 201, `${source.length}-byte source: ${showRaw(deployed, elapsedMs)}`);
    const ran = await invoke(stack.url, String(deployed.json?.id));
    assert.equal(ran.status, 200, JSON.stringify(ran.body));
    assert.equal(ran.body.output, `${literal}\n`);

    const over = await rawRequest(stack.url, 'POST', '/deploy?name=qa-bigsrc&lang=js', {
      body: Buffer.from(code(literal + 1)),
      headers: { 'content-type': 'application/octet-stream' },
    });
    assert.equal(over.status, 413);
    assert.equal(over.json?.code, 'PAYLOAD_TOO_LARGE');
  });

  itStaysAlive(
    () => stack,
    () => liveness,
    ['python', 'c', 'js'],
  );
});
