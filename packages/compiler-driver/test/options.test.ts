import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { resolveCompilerDriverOptions } from '../src/options.js';

describe('resolveCompilerDriverOptions', () => {
  it('fills a 60 s timeout, a 128 MiB memory limit and a per-user cache dir', () => {
    const options = resolveCompilerDriverOptions({ env: { HOME: '/home/faas' } });

    assert.equal(options.timeoutMs, 60_000);
    assert.equal(options.memoryLimitBytes, 128 * 2 ** 20);
    assert.equal(options.cacheDir, '/home/faas/.cache/minifaas/compiler-driver');
    assert.ok(Object.isFrozen(options));
  });

  it('contains compilers with auto, 2 GiB and 256 processes unless told otherwise', () => {
    const options = resolveCompilerDriverOptions({ env: {} });

    assert.equal(options.sandbox, 'auto');
    assert.equal(options.compilerMemoryLimitMiB, 2048);
    assert.equal(options.compilerMaxProcesses, 256);
  });

  it('reads the sandbox setting from FAAS_COMPILER_SANDBOX, and the option wins over it', () => {
    const env = { FAAS_COMPILER_SANDBOX: 'none' };

    assert.equal(resolveCompilerDriverOptions({ env }).sandbox, 'none');
    assert.equal(resolveCompilerDriverOptions({ env, sandbox: 'bwrap' }).sandbox, 'bwrap');
  });

  it('throws TypeError for a sandbox setting it does not know', () => {
    const env = { FAAS_COMPILER_SANDBOX: 'docker' };

    assert.throws(() => resolveCompilerDriverOptions({ env }), /FAAS_COMPILER_SANDBOX must be/);
    assert.throws(() => resolveCompilerDriverOptions({ sandbox: 'off' as 'none' }), TypeError);
  });

  it('throws TypeError for compiler limits that are not positive integers', () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      assert.throws(
        () => resolveCompilerDriverOptions({ compilerMemoryLimitMiB: limit }),
        TypeError,
      );
      assert.throws(() => resolveCompilerDriverOptions({ compilerMaxProcesses: limit }), TypeError);
    }
  });

  it('prefers XDG_CACHE_HOME for the cache dir', () => {
    const options = resolveCompilerDriverOptions({ env: { HOME: '/h', XDG_CACHE_HOME: '/c' } });

    assert.equal(options.cacheDir, '/c/minifaas/compiler-driver');
  });

  it('throws TypeError for a memory limit that is not a whole number of 64 KiB pages', () => {
    for (const memoryLimitBytes of [0, 100_000, 2 ** 32 + 65_536]) {
      assert.throws(() => resolveCompilerDriverOptions({ memoryLimitBytes }), TypeError);
    }
  });

  it('throws TypeError for a timeout that is not positive', () => {
    for (const timeoutMs of [0, -1, Number.NaN]) {
      assert.throws(() => resolveCompilerDriverOptions({ timeoutMs }), TypeError);
    }
  });
});
