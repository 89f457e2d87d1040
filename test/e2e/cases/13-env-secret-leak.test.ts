// Case 13 (docs: /work/shared/cases/13-env-secret-leak.md): secrets in the platform's environment
// never reach a function, in js, php, python (also through /proc) or wasm.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deploy, invoke, startTestStack, type TestStack } from '../harness.js';
import {
  deployFixture,
  itStaysAlive,
  prepareLiveness,
  show,
  type Liveness,
} from './case-helpers.js';

const CANARY = 'qa-canary';
const SECRET_ENV = {
  FAAS_QA_SECRET: `${CANARY}-7f3e9c`,
  DATABASE_URL: `postgres://${CANARY}@db/x`,
};
/** The values themselves: the 00-common canary function is also named qa-canary, legitimately. */
const SECRETS = Object.values(SECRET_ENV);
/** The only variables a native function may see (SPEC DECISION). */
const ALLOWED_KEYS = new Set(['PATH', 'HOME', 'TMPDIR', 'LANG', 'PWD']);

/**
 * Not one of the case's files: looks through every /proc/<pid>/environ and cmdline the function
 * can read (its sandbox's processes, or the host's without a pid namespace) for the canary.
 */
const PROC_SCAN_PY = `import os
found = []
for pid in os.listdir("/proc"):
    if not pid.isdigit():
        continue
    for part in ("environ", "cmdline"):
        try:
            with open(f"/proc/{pid}/{part}", "rb") as f:
                if b"${CANARY}" in f.read():
                    found.append(f"{pid}/{part}")
        except Exception:
            pass
print("canary found in:", found)
`;

function keysOf(listing: string): string[] {
  return listing
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => line.slice(0, line.indexOf('=')));
}

describe('case 13: host secrets do not leak into functions', () => {
  let stack: TestStack;
  let liveness: Liveness;
  const replies: string[] = [];

  before(async () => {
    stack = await startTestStack({ env: SECRET_ENV });
    liveness = await prepareLiveness(stack, ['js', 'php', 'python', 'c']);
  });
  after(async () => {
    await stack?.destroy();
  });

  async function dump(lang: string, file: string) {
    const id = await deployFixture(stack, `qa-env-${lang}`, lang, file);
    const reply = await invoke(stack.url, id);
    replies.push(JSON.stringify(reply.body));
    assert.equal(reply.status, 200, show(reply));
    assert.ok(!JSON.stringify(reply.body).includes(CANARY), `the canary leaked: ${show(reply)}`);
    return String(reply.body.output);
  }

  it('gives js only the allow-listed variables, without the canary', async () => {
    const keys = keysOf(await dump('js', '13-env-dump.js'));
    assert.ok(keys.includes('PATH'), `js listed its environment: ${keys.join(', ')}`);
    assert.deepEqual(
      keys.filter((k) => !ALLOWED_KEYS.has(k)),
      [],
      `js sees ${keys.join(', ')}`,
    );
  });

  it('gives php only the allow-listed variables, without the canary', async () => {
    const keys = keysOf(await dump('php', '13-env-dump.php'));
    assert.ok(keys.includes('PATH'), `php listed its environment: ${keys.join(', ')}`);
    assert.deepEqual(
      keys.filter((k) => !ALLOWED_KEYS.has(k)),
      [],
      `php sees ${keys.join(', ')}`,
    );
  });

  it("keeps the canary out of python's environment and its parent's /proc environ", async () => {
    const output = await dump('python', '13-env-dump.py');
    assert.match(output, /^own env has canary: False$/m, output);
    assert.match(
      output,
      /^parent environ: denied|^parent environ readable, has canary: False$/m,
      output,
    );
    assert.doesNotMatch(output, /has canary: True/, output);
    const keys =
      /^own env keys: \[(.*)\]$/m
        .exec(output)?.[1]
        ?.split(', ')
        .map((k) => k.replace(/'/g, '')) ?? [];
    assert.ok(keys.includes('PATH'), `python listed its environment: ${keys.join(', ')}`);
    assert.deepEqual(
      keys.filter((k) => !ALLOWED_KEYS.has(k)),
      [],
      `python sees ${keys.join(', ')}`,
    );
  });

  it('gives a wasm function an empty environment (count=0)', async () => {
    const output = await dump('c', '13-env-dump.c');
    assert.equal(output, 'count=0\n');
  });

  it('shows the canary in no /proc environ or cmdline a python function can read', async () => {
    const deployed = await deploy(stack.url, 'qa-env-procscan', 'python', PROC_SCAN_PY);
    assert.equal(deployed.status, 201, show(deployed));
    const reply = await invoke(stack.url, 'qa-env-procscan');
    replies.push(JSON.stringify(reply.body));
    assert.equal(reply.status, 200, show(reply));
    assert.equal(reply.body.output, 'canary found in: []\n', show(reply));
  });

  it('never shows the canary in any reply of the case', () => {
    assert.ok(replies.length >= 5);
    for (const body of replies) assert.ok(!body.includes(CANARY), body.slice(0, 500));
  });

  it('writes the secret values into no service log', () => {
    const leaked = stack.logs.filter((line) => SECRETS.some((secret) => line.includes(secret)));
    assert.deepEqual(leaked, []);
  });

  itStaysAlive(
    () => stack,
    () => liveness,
    ['js', 'php', 'python', 'c'],
  );
});
