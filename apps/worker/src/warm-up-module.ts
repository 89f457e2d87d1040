import { readFileSync } from 'node:fs';

/**
 * A small C program built for WASI (apps/worker/assets/warm-up.c, committed with its build so the
 * worker needs no toolchain): it reads stdin, allocates 256 KiB, and writes to stdout and stderr.
 *
 * Running it makes @wasmer/sdk start its pool threads (each loads the SDK's own 4.7 MB runtime:
 * 150-300 ms on a 2-core machine) and compile the code behind a real program's calls, which the
 * first user call would otherwise pay. A 283-byte hand-assembled module that only read, wrote and
 * exited did the first part; each worker's first call of a C function after a fresh start still
 * ran 13-52 ms against 5-15 ms for later calls. With this one it runs 9-29 ms (three fresh stacks
 * each way, alternating; docs/performance.md).
 */
export const WARM_UP_MODULE: Uint8Array = readFileSync(new URL('../assets/warm-up.wasm', import.meta.url));

/** What the warm-up module writes to stdout for a given stdin (for its tests). */
export function warmUpOutput(stdin: string): string {
  return `warm-up: ${stdin} (${Buffer.byteLength(stdin)} bytes)\n`;
}
