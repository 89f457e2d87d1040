import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  MemoryLimitError,
  WasmFormatError,
  capMemoryMaximum,
  readMemoryLimits,
} from '../src/index.js';

import {
  exportMemory,
  limits,
  memorySection,
  name,
  paddedU32,
  section,
  vector,
  voidType,
  wasmModule,
} from './wasm-builder.js';

function instantiateMemory(wasm: Buffer): WebAssembly.Memory {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm));
  return instance.exports.memory as WebAssembly.Memory;
}

describe('capMemoryMaximum', () => {
  it('gives a memory without a maximum one, which the engine then enforces', () => {
    const capped = capMemoryMaximum(wasmModule(memorySection(limits(1)), exportMemory), 4);

    assert.deepEqual(readMemoryLimits(capped), [
      { minPages: 1, maxPages: 4, shared: false, imported: false },
    ]);
    const memory = instantiateMemory(capped);
    assert.equal(memory.grow(3), 1);
    assert.throws(() => memory.grow(1), RangeError);
  });

  it('lowers a larger maximum and keeps a smaller one', () => {
    const larger = capMemoryMaximum(wasmModule(memorySection(limits(1, 100))), 8);
    const smaller = capMemoryMaximum(wasmModule(memorySection(limits(1, 3))), 8);

    assert.equal(readMemoryLimits(larger)[0]?.maxPages, 8);
    assert.equal(readMemoryLimits(smaller)[0]?.maxPages, 3);
  });

  it('caps an imported memory, so a host memory above the cap no longer links', () => {
    const imports = vector([
      [...name('wasi_snapshot_preview1'), ...name('proc_exit'), 0x00, 0],
      [...name('env'), ...name('memory'), 0x02, ...limits(1)],
    ]);
    const capped = capMemoryMaximum(wasmModule(voidType, section(2, imports)), 4);

    assert.deepEqual(readMemoryLimits(capped), [
      { minPages: 1, maxPages: 4, shared: false, imported: true },
    ]);
    const module = new WebAssembly.Module(capped);
    const env = (maximum: number) => ({
      wasi_snapshot_preview1: { proc_exit: () => undefined },
      env: { memory: new WebAssembly.Memory({ initial: 1, maximum }) },
    });
    assert.doesNotThrow(() => new WebAssembly.Instance(module, env(4)));
    assert.throws(() => new WebAssembly.Instance(module, env(100)), WebAssembly.LinkError);
  });

  it('keeps a shared memory shared', () => {
    const capped = capMemoryMaximum(wasmModule(memorySection(limits(1, 64, true))), 16);

    assert.deepEqual(readMemoryLimits(capped), [
      { minPages: 1, maxPages: 16, shared: true, imported: false },
    ]);
    assert.ok(WebAssembly.validate(capped));
  });

  it('rewrites the section size when the limits get longer and keeps later sections byte for byte', () => {
    const custom = section(0, [...name('keep'), 1, 2, 3]);
    const memory = [...limits(300)]; // 300 takes two LEB128 bytes; 1000 as well, plus a flag change
    const input = wasmModule(
      section(5, vector([memory]), paddedU32(vector([memory]).length)),
      custom,
    );

    const capped = capMemoryMaximum(input, 1000);

    assert.deepEqual(readMemoryLimits(capped)[0], {
      minPages: 300,
      maxPages: 1000,
      shared: false,
      imported: false,
    });
    assert.deepEqual([...capped.subarray(capped.length - custom.length)], custom);
    assert.ok(WebAssembly.validate(capped));
  });

  it('returns the bytes unchanged when no limit needs changing', () => {
    const noMemory = wasmModule(voidType);
    const alreadyCapped = wasmModule(memorySection(limits(1, 2)), exportMemory);

    assert.deepEqual(capMemoryMaximum(noMemory, 4), noMemory);
    assert.deepEqual(capMemoryMaximum(alreadyCapped, 4), alreadyCapped);
  });

  it('throws MemoryLimitError when the module needs more at start than the cap', () => {
    const wasm = wasmModule(memorySection(limits(300)));

    assert.throws(
      () => capMemoryMaximum(wasm, 256),
      (err: unknown) => {
        assert.ok(err instanceof MemoryLimitError);
        assert.equal(err.minPages, 300);
        assert.match(err.message, /300 pages \(18\.75 MiB\).*256 pages \(16 MiB\)/);
        return true;
      },
    );
  });

  it('throws WasmFormatError for bytes it cannot read', () => {
    const garbage = Buffer.from('#!/bin/sh\necho not wasm\n');
    const truncated = wasmModule(memorySection(limits(1))).subarray(0, 11);
    const memory64 = wasmModule(section(5, vector([[0x04, 1]])));
    const trailing = wasmModule(section(5, [...vector([limits(1)]), 0]));

    for (const wasm of [garbage, truncated, memory64, trailing]) {
      assert.throws(() => capMemoryMaximum(wasm, 4), WasmFormatError);
    }
  });

  it('refuses a cap that is not a page count a 32-bit memory can have', () => {
    const wasm = wasmModule(memorySection(limits(1)));

    for (const pages of [-1, 1.5, 65_537]) {
      assert.throws(() => capMemoryMaximum(wasm, pages), RangeError);
    }
  });
});
