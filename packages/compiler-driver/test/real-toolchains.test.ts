import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { isFaasError } from '@minifaas/protocol';

import {
  createCompilerDriver,
  readMemoryLimits,
  type CompilerDriver,
  type WasmLanguage,
} from '../src/index.js';

// No skipping: CI installs the toolchains with scripts/install-toolchains.sh.

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));
const MEMORY_LIMIT_BYTES = 64 * 2 ** 20;
const LIMIT_PAGES = MEMORY_LIMIT_BYTES / 65_536;
const LANG_OF: Record<string, WasmLanguage> = { '.c': 'c', '.rs': 'rust', '.go': 'go' };

const source = (file: string) => readFile(path.join(FIXTURES, file));
const langOf = (file: string) => LANG_OF[path.extname(file)] as WasmLanguage;

/** Instantiates without running: WASI imports become stubs, since only memory is checked. */
function exportedMemory(wasm: Buffer): WebAssembly.Memory {
  const module = new WebAssembly.Module(wasm);
  const imports: Record<string, Record<string, () => number>> = {};
  for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
    assert.equal(
      kind,
      'function',
      `${from}.${name} is the only kind of import these toolchains emit`,
    );
    (imports[from] ??= {})[name] = () => 0;
  }
  return new WebAssembly.Instance(module, imports).exports.memory as WebAssembly.Memory;
}

describe('compiler driver with the real toolchains', () => {
  let cacheDir: string;
  let compiler: CompilerDriver;

  before(async () => {
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'compiler-driver-cache-'));
    compiler = createCompilerDriver({ cacheDir, memoryLimitBytes: MEMORY_LIMIT_BYTES });
  });
  after(() => rm(cacheDir, { recursive: true, force: true }));

  it('finds clang, rustc and go with a wasm target each', async () => {
    const { c, rust, go } = await compiler.detect();

    assert.equal(c.available, true, c.problem);
    assert.equal(rust.available, true, rust.problem);
    assert.equal(go.available, true, go.problem);
    assert.match(rust.target ?? '', /^wasm32-wasi(p1)?$/);
    assert.equal(go.target, 'wasip1/wasm');
  });

  // First among the Go tests, so its first compile is the one that fills the fresh cache.
  it('compiles Go much faster the second time, from the persistent build cache', async (t) => {
    const first = await compiler.compile('go', await source('hello.go'));
    const second = await compiler.compile('go', await source('hello.go'));
    t.diagnostic(`go: first ${first.durationMs} ms, second ${second.durationMs} ms`);

    assert.ok(second.durationMs < first.durationMs / 2);
  });

  for (const file of ['hello.c', 'hello.rs', 'hello.go']) {
    it(`compiles ${file} to a module whose memory cannot grow past the limit`, async (t) => {
      const result = await compiler.compile(langOf(file), await source(file));
      t.diagnostic(`${file}: ${result.durationMs} ms, ${result.wasm.length} bytes`);

      assert.equal(result.wasm.subarray(0, 4).toString('latin1'), '\0asm');
      const [memory, ...others] = readMemoryLimits(result.wasm);
      assert.deepEqual(others, []);
      assert.equal(memory?.maxPages, LIMIT_PAGES);
      const instanceMemory = exportedMemory(result.wasm);
      const pages = instanceMemory.buffer.byteLength / 65_536;
      assert.equal(instanceMemory.grow(LIMIT_PAGES - pages), pages);
      assert.throws(() => instanceMemory.grow(1), RangeError);
    });
  }

  const failures: [string, RegExp[]][] = [
    ['07-syntax.c', [/main\.c:4:19/, /expected ';' after expression/]],
    ['07-signal.c', [/wasm lacks signal support/]],
    ['07-missing-symbol.c', [/undefined symbol: host_secret_number/]],
    ['07-type-error.rs', [/E0308|mismatched types/]],
    ['07-undefined.go', [/undefined: undefinedGreeting/]],
  ];
  for (const [file, expected] of failures) {
    it(`answers COMPILE_FAILED for ${file} with the compiler's message and no host path`, async () => {
      await assert.rejects(compiler.compile(langOf(file), await source(file)), (err: unknown) => {
        assert.ok(isFaasError(err, 'COMPILE_FAILED'));
        assert.ok(err.message.includes(String(err.details.compilerOutput)));
        for (const pattern of expected) assert.match(err.message, pattern);
        assert.doesNotMatch(err.message, /minifaas-compile-|\/tmp\//);
        assert.ok(!err.message.includes(cacheDir));
        return true;
      });
    });
  }

  it('answers COMPILE_FAILED, and does not crash, for binary garbage in every language', async () => {
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0xc3, 0x28, 0x0a, 0x80, 0x7f, 0xed]);

    for (const lang of ['c', 'rust', 'go'] as const) {
      await assert.rejects(compiler.compile(lang, garbage), (err: unknown) =>
        isFaasError(err, 'COMPILE_FAILED'),
      );
    }
  });
});
