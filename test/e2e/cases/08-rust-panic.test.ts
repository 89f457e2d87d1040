// Case 08 (docs: /work/shared/cases/08-rust-panic.md): a Rust panic inside wasm answers 502
// FUNCTION_FAILED whose `error` carries the panic text, and the function works right after.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { invoke, startTestStack, type JsonReply, type TestStack } from '../harness.js';
import {
  deployFixture,
  expectAll,
  itStaysAlive,
  prepareLiveness,
  show,
  WORKERS,
  type Liveness,
} from './case-helpers.js';

function assertPanicked(reply: JsonReply, panicTexts: string[]): void {
  const error = String(reply.body.error);
  expectAll(show(reply), [
    [reply.status === 502, 'HTTP 502'],
    [reply.body.ok === false, 'ok:false'],
    [reply.body.code === 'FUNCTION_FAILED', 'code FUNCTION_FAILED'],
    [typeof reply.body.exitCode === 'number' && reply.body.exitCode !== 0, 'a non-zero exitCode'],
    ...panicTexts.map((text): [boolean, string] => [
      error.includes(text),
      `error containing the panic text ${JSON.stringify(text)}`,
    ]),
    ...panicTexts.map((text): [boolean, string] => [
      String(reply.body.stderr).includes(text),
      `stderr containing ${JSON.stringify(text)}`,
    ]),
  ]);
}

describe('case 08: a Rust panic in wasm is readable and the function keeps working', () => {
  let stack: TestStack;
  let liveness: Liveness;
  let panicId: string;
  const panickedOn = new Set<string>();

  before(async () => {
    stack = await startTestStack();
    liveness = await prepareLiveness(stack, ['rust']);
    panicId = await deployFixture(stack, 'qa-panic', 'rust', '08-rust-panic.rs');
  });
  after(async () => {
    await stack?.destroy();
  });

  it('answers body 1 with item=20', async () => {
    const reply = await invoke(stack.url, panicId, '1');
    assert.equal(reply.status, 200, show(reply));
    assert.equal(reply.body.output, 'item=20\n', show(reply));
  });

  it('answers an index panic (body 7) with 502 FUNCTION_FAILED carrying the panic text', async () => {
    const reply = await invoke(stack.url, panicId, '7');
    panickedOn.add(String(reply.body.worker));
    assertPanicked(reply, ['index out of bounds: the len is 3 but the index is 7']);
  });

  it('answers an expect() panic (body abc) with 502 FUNCTION_FAILED carrying the panic text', async () => {
    const reply = await invoke(stack.url, panicId, 'abc');
    panickedOn.add(String(reply.body.worker));
    assertPanicked(reply, ['body must be a number', 'InvalidDigit']);
  });

  it('answers body 2 with item=30 right after the panics', async () => {
    const reply = await invoke(stack.url, panicId, '2');
    assert.equal(reply.status, 200, show(reply));
    assert.equal(reply.body.output, 'item=30\n', show(reply));
  });

  it('runs the function correctly again on every worker, including those where it panicked', async () => {
    const served = new Set<string>();
    for (let i = 0; i < WORKERS; i++) {
      const reply = await invoke(stack.url, panicId, '0');
      assert.equal(reply.status, 200, show(reply));
      assert.equal(reply.body.output, 'item=10\n', show(reply));
      served.add(String(reply.body.worker));
    }
    for (const worker of panickedOn)
      assert.ok(served.has(worker), `${worker} ran no call after its panic`);
  });

  itStaysAlive(
    () => stack,
    () => liveness,
    ['rust'],
  );
});
