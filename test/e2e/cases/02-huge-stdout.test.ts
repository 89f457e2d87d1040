// Case 02 (docs: /work/shared/cases/02-huge-stdout.md): a 1 MiB single line comes back whole; a
// 200-256 MiB flood is cut at FAAS_OUTPUT_LIMIT_BYTES, stopped at once, and the worker goes on.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { invoke, startTestStack, type JsonReply, type TestStack } from '../harness.js';
import {
  deployFixture,
  descendants,
  expectAll,
  gatewayPid,
  itStaysAlive,
  MiB,
  prepareLiveness,
  rssMiB,
  show,
  timed,
  waitForIdleCpu,
  workerPids,
  WORKERS,
  type Liveness,
} from './case-helpers.js';

/** The output cap, set low to keep the test fast; still above the 1 MiB line of step a. */
const OUTPUT_LIMIT_BYTES = 2 * MiB;
const TIMEOUT_MS = 10_000;
/** A process that kept the whole 200-256 MiB flood would grow by more than this. */
const MAX_RSS_GROWTH_MIB = 150;

function assertCapped(reply: JsonReply, elapsedMs: number, char: string, context: string): void {
  const output = String(reply.body.output ?? '');
  expectAll(`${context}: ${show(reply)} after ${Math.round(elapsedMs)} ms`, [
    [reply.status === 200, 'HTTP 200'],
    [reply.body.ok === true, 'ok:true'],
    [reply.body.truncated === true, 'truncated:true'],
    [
      output.length === OUTPUT_LIMIT_BYTES,
      `output of exactly the cap, ${OUTPUT_LIMIT_BYTES} bytes (got ${output.length})`,
    ],
    [output === char.repeat(output.length), `output made only of "${char}"`],
    // Stopped at the cap, not run on to the deadline.
    [elapsedMs < TIMEOUT_MS, `answered before the ${TIMEOUT_MS} ms deadline`],
  ]);
}

describe('case 02: a huge stdout is bounded and the worker goes on', () => {
  let stack: TestStack;
  let liveness: Liveness;
  let floodPy: string;
  let floodC: string;
  const rssBefore = new Map<string, number>();
  const floodWorkers = new Set<string>();

  before(async () => {
    stack = await startTestStack({
      env: {
        FAAS_OUTPUT_LIMIT_BYTES: String(OUTPUT_LIMIT_BYTES),
        FAAS_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    });
    liveness = await prepareLiveness(stack, ['python', 'c']);
    floodPy = await deployFixture(stack, 'qa-flood-py', 'python', '02-huge-stdout.py');
    floodC = await deployFixture(stack, 'qa-flood-c', 'c', '02-huge-stdout.c');
  });
  after(async () => {
    await stack?.destroy();
  });

  it('returns a 1 MiB single line exactly, not cut at 64 KiB', async () => {
    const reply = await invoke(stack.url, floodPy, String(MiB));
    assert.equal(reply.status, 200, show(reply));
    assert.equal(reply.body.ok, true, show(reply));
    assert.equal(
      reply.body.output,
      'x'.repeat(MiB),
      `output length ${String(reply.body.output).length}`,
    );
    assert.equal(reply.body.truncated, undefined, show(reply));
  });

  it('cuts 200 MiB from python to exactly the cap with truncated:true, and kills the process', async () => {
    rssBefore.set('gateway', rssMiB(gatewayPid(stack)));
    for (const w of stack.workers) rssBefore.set(w.spec.name, rssMiB(w.pid as number));

    const { value: reply, elapsedMs } = await timed(() =>
      invoke(stack.url, floodPy, String(200 * MiB)),
    );
    assertCapped(reply, elapsedMs, 'x', 'python 200 MiB');
    floodWorkers.add(String(reply.body.worker));
    const left = descendants(workerPids(stack)).filter((p) => /python/.test(p.cmdline));
    assert.deepEqual(left, [], 'the flooding python process outlived its reply');
  });

  it('cuts 256 MiB from wasm to exactly the cap with truncated:true, and stops the guest', async () => {
    const { value: reply, elapsedMs } = await timed(() => invoke(stack.url, floodC));
    assertCapped(reply, elapsedMs, 'A', 'wasm 256 MiB');
    floodWorkers.add(String(reply.body.worker));
    // A guest left writing after the reply would keep a worker busy.
    await waitForIdleCpu(() => workerPids(stack), {
      maxCores: 0.3,
      windowMs: 1000,
      withinMs: 3000,
    });
  });

  it(`grows neither the gateway nor a worker by ${MAX_RSS_GROWTH_MIB} MiB or more`, async (t) => {
    const growth = [...rssBefore].map(([name, before]) => {
      const pid =
        name === 'gateway'
          ? gatewayPid(stack)
          : stack.workers.find((w) => w.spec.name === name)?.pid;
      return { name, beforeMiB: Math.round(before), afterMiB: Math.round(rssMiB(pid as number)) };
    });
    t.diagnostic(`RSS MiB before/after: ${JSON.stringify(growth)}`);
    const grown = growth.filter((g) => g.afterMiB - g.beforeMiB >= MAX_RSS_GROWTH_MIB);
    assert.deepEqual(grown, [], `RSS before/after: ${JSON.stringify(growth)}`);
  });

  it('serves the same functions right after, on the workers that took the floods', async () => {
    const served = new Set<string>();
    for (let i = 0; i < WORKERS; i++) {
      const reply = await invoke(stack.url, floodPy, '10');
      assert.equal(reply.status, 200, show(reply));
      assert.equal(reply.body.output, 'xxxxxxxxxx', show(reply));
      assert.equal(reply.body.truncated, undefined, show(reply));
      served.add(String(reply.body.worker));
    }
    for (const worker of floodWorkers)
      assert.ok(served.has(worker), `${worker} served no call after its flood`);
  });

  itStaysAlive(
    () => stack,
    () => liveness,
    ['python', 'c'],
  );
});
