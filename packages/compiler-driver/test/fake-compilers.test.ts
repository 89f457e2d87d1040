import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { FaasError, isFaasError } from '@minifaas/protocol';

import {
  createCompilerDriver,
  readMemoryLimits,
  type CompilerDriverOptions,
} from '../src/index.js';

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));
const fixture = (file: string) => path.join(FIXTURES, file);
const SOURCE = Buffer.from('int main(void) { int x; return 0; }\n');

describe('compiler driver with fake compilers', () => {
  let scratch: string;
  let savedTmpdir: string | undefined;

  // Compiles make their temp dirs under os.tmpdir(); a private TMPDIR lets us see them go away.
  before(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'compiler-driver-test-'));
    savedTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
  });
  after(async () => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    await rm(scratch, { recursive: true, force: true });
  });

  function driver(env: Record<string, string>, options: CompilerDriverOptions = {}) {
    const baseEnv = { PATH: '/usr/bin:/bin', HOME: scratch };
    return createCompilerDriver({
      cacheDir: path.join(scratch, 'cache'),
      ...options,
      env: { ...baseEnv, ...env },
    });
  }

  async function leftoverCompileDirs(): Promise<string[]> {
    return (await readdir(scratch)).filter((entry) => entry.startsWith('minifaas-compile-'));
  }

  it('answers TOOLCHAIN_MISSING with the install commands when FAAS_CLANG names no file', async () => {
    const compiler = driver({ FAAS_CLANG: '/nonexistent/clang' });

    await assert.rejects(compiler.compile('c', SOURCE), (err: unknown) => {
      assert.ok(isFaasError(err, 'TOOLCHAIN_MISSING'));
      assert.match(
        err.message,
        /C toolchain .* not available.*FAAS_CLANG is set to \/nonexistent\/clang/,
      );
      assert.match(err.message, /scripts\/install-toolchains\.sh/);
      assert.match(err.message, /apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32/);
      return true;
    });
    assert.equal((await compiler.detect()).c.available, false);
  });

  it('still compiles another language while one toolchain is missing', async () => {
    const compiler = driver({
      FAAS_CLANG: '/nonexistent/clang',
      FAAS_RUSTC: fixture('fake-rustc-wasi-only.sh'),
    });

    const result = await compiler.compile('rust', Buffer.from('fn main() {}\n'));

    assert.deepEqual([...result.wasm.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d]);
    assert.equal(result.toolchain.target, 'wasm32-wasi');
  });

  it('answers COMPILE_FAILED carrying the compiler output without host paths', async () => {
    const compiler = driver({ FAAS_CLANG: fixture('fake-clang-error.sh') });

    await assert.rejects(compiler.compile('c', SOURCE), (err: unknown) => {
      assert.ok(isFaasError(err, 'COMPILE_FAILED'));
      const output = String(err.details.compilerOutput);
      assert.match(
        err.message,
        /^main\.c did not compile \(fake-clang-error\.sh exited with code 1\):\n/,
      );
      assert.ok(err.message.endsWith(output));
      assert.match(output, /^main\.c:4:19: error: expected ';' after expression$/m);
      assert.match(output, /error: main\.o: undefined symbol: host_secret_number$/m);
      assert.match(output, /error: main\.o: undefined symbol: host_other$/m);
      assert.doesNotMatch(err.message, /\/tmp\/|minifaas-compile-|compiler-driver-test-/);
      return true;
    });
    assert.deepEqual(await leftoverCompileDirs(), []);
  });

  it('kills the compiler and everything it started once the timeout passes', async () => {
    const compiler = driver({ FAAS_CLANG: fixture('fake-clang-hang.sh') }, { timeoutMs: 500 });
    const helperSeconds = String(300_000 + randomInt(100_000));
    const started = performance.now();

    const err = await compiler.compile('c', Buffer.from(`/* hang ${helperSeconds} */\n`)).then(
      () => assert.fail('a hanging compile must not succeed'),
      (error: unknown) => error,
    );

    assert.ok(isFaasError(err, 'COMPILE_FAILED'));
    assert.match(err.message, /^The C compile timed out after 0\.5 s/);
    assert.equal(err.details.timedOut, true);
    assert.ok(performance.now() - started < 10_000);
    assert.match(String(err.details.compilerOutput), /helper pid \d+/, 'the helper was started');
    // Found by command line: inside bubblewrap the printed pid is one of the sandbox's own.
    assert.deepEqual(runningWithArgs(['sleep', helperSeconds]), []);
    assert.deepEqual(await leftoverCompileDirs(), []);
  });

  it('returns the module with its memory capped and the warnings scrubbed', async () => {
    const compiler = driver(
      { FAAS_CLANG: fixture('fake-clang-ok.sh') },
      { memoryLimitBytes: 2 ** 20 },
    );

    const result = await compiler.compile('c', SOURCE);

    assert.deepEqual(readMemoryLimits(result.wasm), [
      { minPages: 2, maxPages: 16, shared: false, imported: false },
    ]);
    assert.equal(result.warnings, "main.c:2:5: warning: unused variable 'x' [-Wunused-variable]");
    assert.equal(result.toolchain.command, fixture('fake-clang-ok.sh'));
    assert.ok(result.durationMs >= 0);
    assert.deepEqual(await leftoverCompileDirs(), []);
  });

  it('answers INTERNAL when the compiler exits 0 without writing a module', async () => {
    const compiler = driver({ FAAS_CLANG: fixture('fake-clang-silent.sh') });

    await assert.rejects(compiler.compile('c', SOURCE), (err: unknown) => {
      assert.ok(err instanceof FaasError);
      assert.equal(err.code, 'INTERNAL');
      return true;
    });
  });

  it('throws TypeError for a language that is not compiled to wasm', async () => {
    const compiler = driver({});

    await assert.rejects(compiler.compile('python' as 'c', SOURCE), TypeError);
  });
});

/** Pids of live processes whose whole command line is args (zombies count as gone). */
function runningWithArgs(args: string[]): number[] {
  const wanted = `${args.join('\0')}\0`;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => readProc(pid, 'cmdline') === wanted && !isZombie(readProc(pid, 'stat')))
    .map(Number);
}

function readProc(pid: string, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return ''; // exited meanwhile
  }
}

function isZombie(stat: string): boolean {
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}
