// Case 10 (docs: /work/shared/cases/10-memory-blowup.md): C allocating until malloc fails and Rust
// asking for 3 GiB are stopped at FAAS_MEMORY_LIMIT_MIB with a clean error; the host stays small.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { invoke, startTestStack, type JsonReply, type TestStack } from '../harness.js';
import {
  deployFixture,
  expectAll,
  gatewayPid,
  itStaysAlive,
  prepareLiveness,
  rssMiB,
  show,
  timed,
  workerPids,
  WORKERS,
  type Liveness,
} from './case-helpers.js';

/** M of the case: the WASM linear-memory cap, kept small so the test is quick. */
const MEMORY_LIMIT_MIB = 64;
const TIMEOUT_MS = 10_000;
/** Allowed RSS growth of one process: about M, plus room for the runtime's own buffers. */
const MAX_RSS_GROWTH_MIB = 300;

/**
 * C's malloc just returns NULL at the cap: either 502 MEMORY_LIMIT, or 502 FUNCTION_FAILED with
 * the program's own `malloc failed after N MiB` (exit 2) and N below the cap.
 */
function assertCMemoryCapped(reply: JsonReply, elapsedMs: number, context: string): void {
  const where = `${context}: ${show(reply)} after ${Math.round(elapsedMs)} ms`;
  const output = String(reply.body.output ?? '');
  const mib = Number(/^malloc failed after (\d+) MiB\n$/.exec(output)?.[1] ?? NaN);
  expectAll(where, [
    [reply.status === 502, 'HTTP 502'],
    [reply.body.ok === false, 'ok:false'],
    [
      reply.body.code === 'MEMORY_LIMIT' ||
        (reply.body.code === 'FUNCTION_FAILED' &&
          reply.body.exitCode === 2 &&
          mib < MEMORY_LIMIT_MIB),
      `code MEMORY_LIMIT, or FUNCTION_FAILED with exit 2 and "malloc failed after N MiB" with N < ${MEMORY_LIMIT_MIB}`,
    ],
    [
      reply.body.code !== 'MEMORY_LIMIT' || /memory/i.test(String(reply.body.error)),
      'a MEMORY_LIMIT error that says memory',
    ],
    [elapsedMs < TIMEOUT_MS, 'answered before the timeout'],
  ]);
}

describe('case 10: a memory blow-up in wasm is capped and the host survives', () => {
  let stack: TestStack;
  let liveness: Liveness;
  let memC: string;
  let memRs: string;
  const rssBefore = new Map<number, number>();

  before(async () => {
    stack = await startTestStack({
      env: { FAAS_MEMORY_LIMIT_MIB: String(MEMORY_LIMIT_MIB), FAAS_TIMEOUT_MS: String(TIMEOUT_MS) },
    });
    liveness = await prepareLiveness(stack, ['c', 'rust']);
    memC = await deployFixture(stack, 'qa-mem-c', 'c', '10-memory-blowup.c');
    memRs = await deployFixture(stack, 'qa-mem-rs', 'rust', '10-memory-blowup.rs');
    for (const pid of [gatewayPid(stack), ...workerPids(stack)]) rssBefore.set(pid, rssMiB(pid));
  });
  after(async () => {
    await stack?.destroy();
  });

  it(`stops C allocating until malloc fails below the ${MEMORY_LIMIT_MIB} MiB cap`, async () => {
    const { value: reply, elapsedMs } = await timed(() => invoke(stack.url, memC));
    assertCMemoryCapped(reply, elapsedMs, 'C malloc loop');
  });

  it('answers a Rust 3 GiB vec with 502 MEMORY_LIMIT naming memory', async () => {
    const { value: reply, elapsedMs } = await timed(() => invoke(stack.url, memRs));
    const error = String(reply.body.error);
    expectAll(`${show(reply)} after ${Math.round(elapsedMs)} ms`, [
      [reply.status === 502, 'HTTP 502'],
      [reply.body.ok === false, 'ok:false'],
      [reply.body.code === 'MEMORY_LIMIT', 'code MEMORY_LIMIT'],
      // Rust's own words, or a limit error that says memory.
      [
        /memory allocation of 3221225472 bytes failed|memory/i.test(error),
        'error matching /memory/i',
      ],
      [elapsedMs < TIMEOUT_MS, 'answered before the timeout'],
    ]);
  });

  it('answers a Rust 1 GiB vec (a size wasm32 can ask for) with 502 MEMORY_LIMIT naming memory', async () => {
    // Not in the case: on wasm32 the case's 3 GiB is over isize::MAX and never reaches the allocator.
    const id = await deployFixture(stack, 'qa-mem-rs-1gib', 'rust', '10-memory-blowup-1gib.rs');
    const { value: reply, elapsedMs } = await timed(() => invoke(stack.url, id));
    expectAll(`${show(reply)} after ${Math.round(elapsedMs)} ms`, [
      [reply.status === 502, 'HTTP 502'],
      [reply.body.ok === false, 'ok:false'],
      [reply.body.code === 'MEMORY_LIMIT', 'code MEMORY_LIMIT'],
      [/memory/i.test(String(reply.body.error)), 'error matching /memory/i'],
      [elapsedMs < TIMEOUT_MS, 'answered before the timeout'],
    ]);
  });

  it(`caps ${WORKERS} parallel C runs the same way`, async () => {
    const runs = await Promise.all(
      Array.from({ length: WORKERS }, () => timed(() => invoke(stack.url, memC))),
    );
    runs.forEach(({ value, elapsedMs }, i) =>
      assertCMemoryCapped(value, elapsedMs, `parallel run ${i + 1}`),
    );
  });

  it(`keeps the gateway and worker pids, each grown by less than ${MAX_RSS_GROWTH_MIB} MiB`, async (t) => {
    assert.deepEqual(
      [gatewayPid(stack), ...workerPids(stack)],
      [...rssBefore.keys()],
      'a process was replaced',
    );
    const growth = [...rssBefore].map(([pid, before]) => ({
      pid,
      beforeMiB: Math.round(before),
      afterMiB: Math.round(rssMiB(pid)),
    }));
    t.diagnostic(`RSS MiB before/after: ${JSON.stringify(growth)}`);
    const grown = growth.filter((g) => g.afterMiB - g.beforeMiB >= MAX_RSS_GROWTH_MIB);
    assert.deepEqual(grown, [], `RSS before/after: ${JSON.stringify(growth)}`);
  });

  itStaysAlive(
    () => stack,
    () => liveness,
    ['c', 'rust'],
  );
});
