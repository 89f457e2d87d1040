import type { RunResult } from './run-types.js';

/**
 * What runtimes print when an allocation is refused: Rust's alloc error (and its "capacity
 * overflow", a request larger than 32-bit WASM can address), Go's runtime, CPython's
 * MemoryError, PHP's memory_limit, V8's heap limit, and libc's ENOMEM text.
 */
const OUT_OF_MEMORY =
  /memory allocation of \d+ bytes failed|capacity overflow|fatal error: out of memory|\bMemoryError\b|Allowed memory size of \d+ bytes exhausted|JavaScript heap out of memory|Out of memory|Cannot allocate memory/;

/** A failed run whose last words say memory ran out is a MEMORY_LIMIT, not a plain failure. */
export function classifyMemory(result: RunResult): RunResult {
  if (result.outcome !== 'OUTCOME_EXIT_NONZERO' && result.outcome !== 'OUTCOME_CRASHED') return result;
  const tail = result.stderr.subarray(-4096).toString('utf8');
  if (!OUT_OF_MEMORY.test(tail)) return result;
  return { ...result, outcome: 'OUTCOME_MEMORY_LIMIT' };
}
