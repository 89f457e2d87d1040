// Case 06 (docs: /work/shared/cases/06-exit-code-stderr.md): a non-zero exit is a 502
// FUNCTION_FAILED with the exit code, output and stderr; a wasm proc_exit does not take down the
// worker; stderr of a successful run stays out of its output.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { invoke, startTestStack, type JsonReply, type TestStack } from '../harness.js';
import {
  deployFixture,
  expectAll,
  itStaysAlive,
  prepareLiveness,
  show,
  workerPids,
  WORKERS,
  type Liveness,
} from './case-helpers.js';

function assertFailedWith(
  reply: JsonReply,
  expected: { output: string; stderr: string; exitCode: number },
): void {
  const error = String(reply.body.error);
  const stderrText = expected.stderr.trim();
  expectAll(show(reply), [
    [reply.status === 502, 'HTTP 502'],
    [reply.body.ok === false, 'ok:false'],
    [reply.body.code === 'FUNCTION_FAILED', 'code FUNCTION_FAILED'],
    [reply.body.exitCode === expected.exitCode, `exitCode ${expected.exitCode}`],
    [reply.body.output === expected.output, `output ${JSON.stringify(expected.output)}`],
    [reply.body.stderr === expected.stderr, `stderr ${JSON.stringify(expected.stderr)}`],
    [
      new RegExp(`\\b${expected.exitCode}\\b`).test(error.replace(stderrText, '')),
      `error naming exit status ${expected.exitCode}`,
    ],
    [error.includes(stderrText), `error containing the stderr text ${JSON.stringify(stderrText)}`],
  ]);
}

describe('case 06: exit codes and stderr are reported and the worker survives', () => {
  let stack: TestStack;
  let liveness: Liveness;
  let exitPy: string;
  let exitC: string;
  let stderrOk: string;

  before(async () => {
    stack = await startTestStack();
    liveness = await prepareLiveness(stack, ['python', 'c']);
    exitPy = await deployFixture(stack, 'qa-exit-py', 'python', '06-exit-code.py');
    exitC = await deployFixture(stack, 'qa-exit-c', 'c', '06-exit-code.c');
    stderrOk = await deployFixture(stack, 'qa-stderr-ok', 'python', '06-stderr-only.py');
  });
  after(async () => {
    await stack?.destroy();
  });

  it('answers a python exit 3 with 502 FUNCTION_FAILED, exit code, output and stderr', async () => {
    const reply = await invoke(stack.url, exitPy);
    assertFailedWith(reply, {
      output: 'partial result\n',
      stderr: 'something went wrong: code 3\n',
      exitCode: 3,
    });
  });

  it('answers a successful run that wrote to stderr with ok:true and stderr kept out of output', async () => {
    const reply = await invoke(stack.url, stderrOk);
    assert.equal(reply.status, 200, show(reply));
    assert.equal(reply.body.ok, true, show(reply));
    assert.equal(reply.body.output, 'fine\n', show(reply));
    assert.equal(reply.body.stderr, 'warning: just a log line\n', show(reply));
  });

  it(`answers a wasm exit(3) the same way W + 2 = ${WORKERS + 2} times without losing a worker`, async () => {
    const pidsBefore = workerPids(stack);
    for (let i = 0; i < WORKERS + 2; i++) {
      const reply = await invoke(stack.url, exitC);
      assertFailedWith(reply, {
        output: 'before exit\n',
        stderr: 'fatal: bad input\n',
        exitCode: 3,
      });
    }
    assert.deepEqual(
      workerPids(stack),
      pidsBefore,
      'a worker process was replaced: proc_exit took it down',
    );
  });

  itStaysAlive(
    () => stack,
    () => liveness,
    ['python', 'c'],
  );
});
