import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliArgs } from '../src/args.js';
import { percentile, ratio, summarize } from '../src/stats.js';

describe('stats', () => {
  it('takes the nearest-rank percentile of sorted samples', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 50), 50);
    assert.equal(percentile(sorted, 99), 99);
    assert.equal(percentile(sorted, 100), 100);
    assert.equal(percentile([], 50), 0);
  });

  it('summarizes unsorted samples without rounding them to whole milliseconds', () => {
    const s = summarize([3.25, 1.5, 2.75]);
    assert.deepEqual([s.p50Ms, s.maxMs, s.samples], [2.75, 3.25, 3]);
  });

  it('gives no ratio against a zero denominator', () => {
    assert.equal(ratio(5, 0), null);
    assert.equal(ratio(3, 2), 1.5);
  });
});

describe('cliArgs', () => {
  it('drops the `--` pnpm passes through, so options after it are parsed', () => {
    assert.deepEqual(cliArgs(['--', '--quick']), ['--quick']);
    assert.deepEqual(cliArgs(['--quick']), ['--quick']);
  });
});
