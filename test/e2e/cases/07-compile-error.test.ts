// Case 07 (docs: /work/shared/cases/07-compile-error.md): C, Rust and Go sources that do not build
// are refused by /deploy with 422 COMPILE_FAILED and the compiler's own words; nothing is stored.
import assert from 'node:assert/strict';
import { homedir, tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { deploy, invoke, request, ROOT, startTestStack, type TestStack } from '../harness.js';
import {
  deployFixture,
  expectAll,
  itStaysAlive,
  prepareLiveness,
  readCaseFixture,
  show,
  timed,
  type Liveness,
} from './case-helpers.js';

const COMPILE_TIMEOUT_MS = 60_000;
const TIMEOUT_MS = 5000;

/** Each broken source, its language, and the compiler text the reply's `error` must contain. */
const BROKEN: Array<{ file: string; lang: string; mustContain: string[] }> = [
  { file: '07-syntax.c', lang: 'c', mustContain: ['4:19', "expected ';' after expression"] },
  { file: '07-signal.c', lang: 'c', mustContain: ['wasm lacks signal support'] },
  { file: '07-missing-symbol.c', lang: 'c', mustContain: ['undefined symbol: host_secret_number'] },
  { file: '07-type-error.rs', lang: 'rust', mustContain: ['E0308', 'mismatched types'] },
  { file: '07-undefined.go', lang: 'go', mustContain: ['undefined: undefinedGreeting'] },
];

/** Host paths a compiler message must not show: temp build dirs, the data dir, the checkout. */
function hostPathsIn(text: string, dataDir: string): string[] {
  const prefixes = [`${tmpdir()}/`, `${dataDir}/`, `${ROOT}/`, `${homedir()}/`];
  return prefixes.filter((p) => text.includes(p));
}

describe('case 07: compile and link errors come back from /deploy', () => {
  let stack: TestStack;
  let liveness: Liveness;

  before(async () => {
    stack = await startTestStack({
      env: {
        FAAS_COMPILE_TIMEOUT_MS: String(COMPILE_TIMEOUT_MS),
        FAAS_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    });
    liveness = await prepareLiveness(stack, ['c', 'rust', 'go']);
  });
  after(async () => {
    await stack?.destroy();
  });

  for (const { file, lang, mustContain } of BROKEN) {
    it(`refuses ${file} with 422 COMPILE_FAILED and the compiler's message, issuing no id`, async () => {
      const { value: reply, elapsedMs } = await timed(() =>
        deploy(stack.url, `qa-bad-${lang}`, lang, readCaseFixture(file)),
      );
      if (file === '07-missing-symbol.c' && reply.status === 201) {
        // Allowed by the case when C links with --allow-undefined: the invocation must then fail
        // fast, naming the missing import, never hang until the timeout.
        const { value: ran, elapsedMs: ranMs } = await timed(() =>
          invoke(stack.url, String(reply.body.id)),
        );
        expectAll(
          `deployed with an undefined symbol, then invoked: ${show(ran)} after ${Math.round(ranMs)} ms`,
          [
            [ran.status === 502, 'HTTP 502'],
            [ran.body.ok === false, 'ok:false'],
            [/host_secret_number/.test(String(ran.body.error)), 'error naming host_secret_number'],
            [ranMs < TIMEOUT_MS, 'answered before the timeout'],
          ],
        );
        return;
      }
      const error = String(reply.body.error);
      const compilerOutput = String(reply.body.compilerOutput ?? '');
      expectAll(`${show(reply)} after ${Math.round(elapsedMs)} ms`, [
        [reply.status === 422, 'HTTP 422'],
        [reply.body.ok === false, 'ok:false'],
        [reply.body.code === 'COMPILE_FAILED', 'code COMPILE_FAILED'],
        [reply.body.id === undefined, 'no id'],
        ...mustContain.map((text): [boolean, string] => [
          error.includes(text),
          `error containing ${JSON.stringify(text)}`,
        ]),
        [
          hostPathsIn(error + compilerOutput, stack.dataDir).length === 0,
          `no host build paths (found ${hostPathsIn(error + compilerOutput, stack.dataDir).join(', ')})`,
        ],
        [elapsedMs < COMPILE_TIMEOUT_MS, 'answered within the compile timeout'],
      ]);
    });
  }

  it('stores nothing for a failed build: GET /function/qa-bad-<lang> is 404', async () => {
    for (const lang of new Set(BROKEN.map((b) => b.lang))) {
      const got = await request(`${stack.url}/function/qa-bad-${lang}`);
      assert.equal(got.status, 404, `qa-bad-${lang}: ${show(got)}`);
      assert.equal(got.body.code, 'FUNCTION_NOT_FOUND', `qa-bad-${lang}`);
    }
  });

  it('deploys valid C under the same name afterwards, and a later failed build does not replace it', async () => {
    const goodId = await deployFixture(stack, 'qa-bad-c', 'c', 'hello.c');
    const broken = await deploy(stack.url, 'qa-bad-c', 'c', readCaseFixture('07-syntax.c'));
    assert.equal(broken.status, 422, show(broken));
    const listed = await request(`${stack.url}/function/qa-bad-c`);
    assert.equal(listed.body.id, goodId, show(listed));
    assert.equal(listed.body.versions, 1, show(listed));
    const ran = await invoke(stack.url, 'qa-bad-c');
    assert.equal(ran.body.output, 'hello from c\n', show(ran));
  });

  it('builds Rust for wasm32-wasip1 (hello.rs deploys and runs)', async () => {
    const id = await deployFixture(stack, 'qa-hello-rs', 'rust', 'hello.rs');
    const ran = await invoke(stack.url, id);
    assert.equal(ran.status, 200, show(ran));
    assert.equal(ran.body.output, 'hello from rust\n', show(ran));
  });

  itStaysAlive(
    () => stack,
    () => liveness,
    ['c', 'rust', 'go'],
  );
});
