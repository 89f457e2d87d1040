import assert from 'node:assert/strict';
import { it } from 'node:test';
import { trapDetail } from '../src/wasm-runner.js';

it('names the WebAssembly trap without the SDK wrapping', () => {
  const sdk = new Error('command execution failed: RuntimeError: js: unreachable\nRuntimeError: unreachable');
  assert.equal(trapDetail(sdk), 'WebAssembly trap: unreachable');
  assert.equal(trapDetail(new Error('RuntimeError: memory access out of bounds')), 'WebAssembly trap: memory access out of bounds');
  assert.equal(trapDetail(new Error('something else\nsecond line\nthird')), 'something else second line');
});
