import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { ROOT } from './harness.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'generated') return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

it('documents in the README every FAAS_ variable the code reads', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const dirs = [
    ...['apps', 'packages'].flatMap((d) => readdirSync(join(ROOT, d)).map((n) => join(ROOT, d, n, 'src'))),
    join(ROOT, 'scripts'),
  ].filter((d) => statSync(d, { throwIfNoEntry: false })?.isDirectory());
  const used = new Set(dirs.flatMap(sourceFiles).flatMap((f) => readFileSync(f, 'utf8').match(/FAAS_[A-Z0-9_]+/g) ?? []));
  const missing = [...used].filter((name) => !readme.includes(`\`${name}\``));
  assert.deepEqual(missing, []);
});
