import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { WasmByteReader, WasmFormatError, encodeU32 } from '../src/wasm-bytes.js';

import { paddedU32 } from './wasm-builder.js';

describe('LEB128 u32', () => {
  it('round-trips the edges of each encoded length', () => {
    for (const value of [0, 1, 127, 128, 16_383, 16_384, 65_536, 2 ** 28, 0xffffffff]) {
      assert.equal(new WasmByteReader(encodeU32(value)).u32(), value);
    }
  });

  it('encodes minimally', () => {
    assert.deepEqual([...encodeU32(624_485)], [0xe5, 0x8e, 0x26]);
  });

  it('reads the padded five-byte form wasm-ld writes', () => {
    assert.equal(new WasmByteReader(Uint8Array.from(paddedU32(3))).u32(), 3);
  });

  it('rejects overlong, oversized and truncated numbers', () => {
    const cases = [[0x80, 0x80, 0x80, 0x80, 0x80, 0x00], [0xff, 0xff, 0xff, 0xff, 0x7f], [0x80]];
    for (const bytes of cases) {
      assert.throws(() => new WasmByteReader(Uint8Array.from(bytes)).u32(), WasmFormatError);
    }
  });

  it('refuses to encode what is not a u32', () => {
    for (const value of [-1, 1.5, 2 ** 32]) assert.throws(() => encodeU32(value), RangeError);
  });
});
