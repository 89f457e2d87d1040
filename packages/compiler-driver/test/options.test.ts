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
