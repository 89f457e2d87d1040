import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WARM_UP_MODULE } from '../src/warm-up-module.js';

describe('warm-up module', () => {
  it('is a valid WASI command that only reads, writes and exits', () => {
    const module = new WebAssembly.Module(WARM_UP_MODULE);

    assert.deepEqual(
      WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`),
      ['fd_read', 'fd_write', 'fd_fdstat_get', 'proc_exit'].map((name) => `wasi_snapshot_preview1.${name}`),
    );
    assert.deepEqual(WebAssembly.Module.exports(module).map((e) => e.name).sort(), ['_start', 'memory']);
  });
});
