// Case 01 (docs: /work/shared/cases/01-infinite-loop.md): a wasm guest and a python process that
// spin forever are answered 504 TIMEOUT at the deadline, really stopped, and the workers recover.
import assert from 'node:assert/strict';
import { existsSync, rmSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { invoke, startTestStack, type JsonReply, type TestStack } from '../harness.js';
import {
  deployFixture,
  descendants,
  eventually,
  expectAll,
  itStaysAlive,
  prepareLiveness,
  show,
  timed,
  waitForIdleCpu,
  workerPids,
  WORKERS,
  unmet,
  type Expectations,
  type Liveness,
} from './case-helpers.js';

/** T of the case: a short deadline keeps the test fast. */
const TIMEOUT_MS = 3000;
/** The case allows the timeout reply up to 2 s after T. */
const SLACK_MS = 2000;
/** Where 01-infinite-loop.py leaves its trace when /tmp is shared with the host. */
const MARKER = '/tmp/faasqa-01.marker';

/** What a timeout reply of the case must be: 504 TIMEOUT, between T and T + 2 s. */
function timeoutExpectations(reply: JsonReply, elapsedMs: number): Expectations {
  const output = reply.body.output;
  return [
    [reply.status === 504, 'HTTP 504'],
    [reply.body.ok === false, 'ok:false'],
    [reply.body.code === 'TIMEOUT', 'code TIMEOUT'],
    [/time(d)?[ -]?out/i.test(String(reply.body.error)), 'error matching /time(d)?[ -]?out/i'],
    // Partial output is optional; if present it is what the function printed before spinning.
    [!output || output === 'start\n', 'no output or exactly "start\\n"'],
    [elapsedMs >= TIMEOUT_MS - 100, `answered no earlier than T = ${TIMEOUT_MS} ms`],
    [elapsedMs <= TIMEOUT_MS + SLACK_MS, `answered within T + 2 s = ${TIMEOUT_MS + SLACK_MS} ms`],
  ];
}

function described(reply: JsonReply, elapsedMs: number): string {
  return `${show(reply)} after ${Math.round(elapsedMs)} ms`;
}

describe('case 01: infinite loops time out and are really stopped', () => {
  let stack: TestStack;
  let liveness: Liveness;
  let spinC: string;
  let spinPy: string;

  before(async () => {
    stack = await startTestStack({ env: { FAAS_TIMEOUT_MS: String(TIMEOUT_MS) } });
    liveness = await prepareLiveness(stack, ['c', 'python']);
    spinC = await deployFixture(stack, 'qa-spin-c', 'c', '01-infinite-loop.c');
    spinPy = await deployFixture(stack, 'qa-spin-py', 'python', '01-infinite-loop.py');
  });
  after(async () => {
    await stack?.destroy();
  });

  it('answers a spinning wasm guest with 504 TIMEOUT between T and T + 2 s', async () => {
    const { value: reply, elapsedMs } = await timed(() => invoke(stack.url, spinC));
    expectAll(described(reply, elapsedMs), timeoutExpectations(reply, elapsedMs));
  });

  it('answers a spinning python function with 504 TIMEOUT between T and T + 2 s', async () => {
    rmSync(MARKER, { force: true });
    const { value: reply, elapsedMs } = await timed(() => invoke(stack.url, spinPy));
    expectAll(described(reply, elapsedMs), timeoutExpectations(reply, elapsedMs));
  });

  it('has killed the python spinner once the timeout is answered', async () => {
    // The case's own check: if /tmp is shared with the host, the marker must stop growing.
    if (existsSync(MARKER)) {
      const sizeBefore = statSync(MARKER).size;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.equal(statSync(MARKER).size, sizeBefore, `${MARKER} still grows after the timeout`);
    }
    // Native functions see a private /tmp, so also: no python3 is left below any worker.
    const spinners = () => descendants(workerPids(stack)).filter((p) => /python/.test(p.cmdline));
    const gone = await eventually(() => spinners().length === 0, 2000);
    assert.ok(
      gone,
      `python processes still running under the workers: ${JSON.stringify(spinners())}`,
    );
  });

  it(`answers all W + 2 = ${WORKERS + 2} concurrent wasm spinners with 504 TIMEOUT within T + 2 s`, async () => {
    const runs = await Promise.all(
      Array.from({ length: WORKERS + 2 }, () => timed(() => invoke(stack.url, spinC))),
    );
    const failures = runs
      .map(({ value, elapsedMs }, i) => ({
        i,
        value,
        elapsedMs,
        failed: unmet(timeoutExpectations(value, elapsedMs)),
      }))
      .filter((run) => run.failed.length > 0)
      .map(
        (run) =>
          `spinner ${run.i + 1}: ${described(run.value, run.elapsedMs)}\n  expected but not so: ${run.failed.join('; ')}`,
      );
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  it('lets the CPU of the whole stack fall back to idle within a few seconds', async () => {
    const roots = () =>
      stack.services.map((s) => s.pid).filter((pid): pid is number => pid !== undefined);
    await waitForIdleCpu(roots, { maxCores: 0.3, windowMs: 1000, withinMs: 5000 });
  });

  itStaysAlive(
    () => stack,
    () => liveness,
    ['c', 'python'],
  );
});
