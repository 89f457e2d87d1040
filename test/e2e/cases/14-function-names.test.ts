// Case 14 (docs: /work/shared/cases/14-function-names.md; port of 14-names.sh): hostile names are
// refused with 400, good ones up to 63 characters work end to end, and GET /function/<path>
// traversal probes never return a file.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { invoke, request, startTestStack, type TestStack } from '../harness.js';
import {
  expectAll,
  itStaysAlive,
  prepareLiveness,
  rawRequest,
  readCaseFixture,
  show,
  type Liveness,
} from './case-helpers.js';

const PAGE = readCaseFixture('hello.html');
const PAGE_OUTPUT = '<h1>hello from html</h1>\n';
/** Files the hostile names would create if a name reached a shell or a path join. */
const SIDE_EFFECTS = ['/tmp/faasqa-14-pwned', '/tmp/faasqa-14-pwned2'];
const SIDE_EFFECT_PREFIX = 'faasqa-14-evil';

/** Like Python's urllib.parse.quote(s, safe=''), which the script uses: also encodes !'()*. */
function quoteAll(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Names to refuse, as the label the script prints and the query value it sends (encoded). */
const REJECTED: Array<[label: string, encoded: string]> = [
  ...[
    '../evil',
    '../../tmp/faasqa-14-evil',
    'a/b',
    '..',
    '.',
    '',
    'with space',
    'ünïcode',
    '-dash-start',
    'q$(touch /tmp/faasqa-14-pwned)',
    'q;touch /tmp/faasqa-14-pwned2',
    'a'.repeat(300),
  ].map((name): [string, string] => [
    JSON.stringify(name.length > 24 ? `${name.slice(0, 24)}…` : name),
    quoteAll(name),
  ]),
  ['NUL byte (evil%00x)', 'evil%00x'],
  ['double-encoded ..%252F', '..%252Fevil'],
];

const ACCEPTED = ['hello-14', 'a1-b2', 'a'.repeat(63)];

const GET_PROBES = [
  '..%2F..%2Fpackage.json',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%252F..%252Fetc%252Fpasswd',
  '....//....//etc/passwd',
  '../../etc/passwd',
];

/** What would show that a file was served: /etc/passwd's root line or a package.json. */
const SUSPICIOUS = /root:|"dependencies"/;

function deployAs(stack: TestStack, encodedName: string) {
  // As `curl --data-binary @hello.html` sends it: labelled as a form.
  return request(`${stack.url}/deploy?name=${encodedName}&lang=html`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: PAGE,
  });
}

function tmpEntriesLike(pattern: RegExp): string[] {
  return readdirSync(tmpdir()).filter((entry) => pattern.test(entry));
}

describe('case 14: path traversal, odd and very long function names', () => {
  let stack: TestStack;
  let liveness: Liveness;
  let evilBefore: string[];

  before(async () => {
    for (const path of SIDE_EFFECTS) rmSync(path, { force: true });
    for (const entry of tmpEntriesLike(new RegExp(`^${SIDE_EFFECT_PREFIX}`)))
      rmSync(`${tmpdir()}/${entry}`, { recursive: true, force: true });
    evilBefore = tmpEntriesLike(/evil|pwned/);
    stack = await startTestStack();
    liveness = await prepareLiveness(stack, ['html']);
  });
  after(async () => {
    await stack?.destroy();
  });

  for (const [label, encoded] of REJECTED) {
    it(`refuses the name ${label} with 400 and an error about the name`, async () => {
      const reply = await deployAs(stack, encoded);
      // An empty name is a missing parameter as much as an invalid one.
      const codes = encoded === '' ? ['INVALID_NAME', 'BAD_REQUEST'] : ['INVALID_NAME'];
      expectAll(show(reply), [
        [reply.status === 400, 'HTTP 400'],
        [reply.body.ok === false, 'ok:false'],
        [codes.includes(String(reply.body.code)), `code ${codes.join(' or ')}`],
        [/name/i.test(String(reply.body.error)), 'error matching /name/i'],
        [reply.body.id === undefined, 'no id'],
      ]);
    });
  }

  for (const name of ACCEPTED) {
    it(`accepts the name ${name.length > 24 ? `${name.slice(0, 24)}… (${name.length} chars)` : name} and serves it`, async () => {
      const deployed = await deployAs(stack, quoteAll(name));
      assert.equal(deployed.status, 201, show(deployed));
      assert.equal(deployed.body.ok, true, show(deployed));
      assert.equal(deployed.body.name, name);
      for (const fn of [String(deployed.body.id), name]) {
        const ran = await invoke(stack.url, fn);
        assert.equal(ran.status, 200, `${fn}: ${show(ran)}`);
        assert.equal(ran.body.output, PAGE_OUTPUT, `${fn}: ${show(ran)}`);
      }
      const listed = await request(`${stack.url}/function/${quoteAll(name)}`);
      assert.equal(listed.status, 200, show(listed));
      assert.equal(listed.body.id, deployed.body.id);
    });
  }

  for (const probe of GET_PROBES) {
    it(`answers GET /function/${probe} (path as is) with a JSON 400 or 404, never a file`, async () => {
      const reply = await rawRequest(stack.url, 'GET', `/function/${probe}`);
      expectAll(`HTTP ${reply.status} ${reply.text.slice(0, 300)}`, [
        [reply.status === 400 || reply.status === 404, 'HTTP 400 or 404'],
        [reply.json?.ok === false, 'a JSON error with ok:false'],
        [!SUSPICIOUS.test(reply.text), 'no root: line and no "dependencies"'],
      ]);
    });
  }

  it('created no file from any name: no shell ran, no path escaped the data folder', () => {
    for (const path of SIDE_EFFECTS) assert.ok(!existsSync(path), `${path} exists`);
    assert.deepEqual(tmpEntriesLike(/evil|pwned/), evilBefore, `new entries in ${tmpdir()}`);
  });

  itStaysAlive(
    () => stack,
    () => liveness,
    ['html'],
  );
});
