import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { isFaasError } from '@minifaas/protocol';

import { landlockArgs } from '../src/bwrap-args.js';
import { createCompilerDriver, type CompilerDriver } from '../src/index.js';

// No skipping: CI has clang (which builds the helper), the toolchains, and a kernel with Landlock.

const HELPER_SOURCE = fileURLToPath(new URL('../landlock/landlock-exec.c', import.meta.url));
const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));
const SECRET = 'landlock-test-secret-4b1d';

describe('compilers under Landlock (minifaas-landlock, as in the gateway container)', () => {
  let dir: string;
  let helper: string;
  let secretFile: string;
  let compiler: CompilerDriver;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'compiler-landlock-'));
    helper = path.join(dir, 'bin', 'minifaas-landlock');
    execFileSync('mkdir', ['-p', path.dirname(helper)]);
    execFileSync('clang', ['-O2', '-Wall', '-Werror', '-o', helper, HELPER_SOURCE]);
    // Stands for another function's env.json: readable by this service, not by its compilers.
    secretFile = path.join(dir, 'env.json');
    await writeFile(secretFile, JSON.stringify({ API_KEY: SECRET }));
    const env = { ...process.env, PATH: `${path.dirname(helper)}:${process.env['PATH'] ?? ''}` };
    compiler = createCompilerDriver({ env, sandbox: 'landlock', cacheDir: path.join(dir, 'cache') });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('is the containment when asked for', async () => {
    assert.equal((await compiler.containment()).mode, 'landlock');
  });

  it('asks the helper to make a compile the first thing the kernel kills when memory runs out', () => {
    // procfs files read as empty through #include (their size is 0), so the compile cannot show
    // its own score; the worker's test reads it from a function under the same helper.
    const args = landlockArgs({ srcDir: '/s', scratchDir: '/t', cacheDir: '/c' }, '/usr/bin/clang');
    assert.deepEqual(args.slice(0, 2), ['--oom-score-adj', '1000']);
  });

  for (const [lang, file] of [['c', 'hello.c'], ['rust', 'hello.rs'], ['go', 'hello.go']] as const) {
    it(`still builds ${lang}: the toolchain finds everything it needs`, async () => {
      const result = await compiler.compile(lang, await readFile(path.join(FIXTURES, file)));
      assert.ok(result.wasm.length > 0);
    });
  }

  for (const [lang, code] of [
    ['c', `#include "${'SECRET_FILE'}"\nint main(void) { return 0; }\n`],
    ['rust', `fn main() { compile_error!(include_str!("${'SECRET_FILE'}")); }\n`],
    ['c', `int main(void) { return 0; }\n__asm__(".incbin \\"${'SECRET_FILE'}\\"");\n`],
    // Another process's environment (the gateway's tokens, in its container) through /proc.
    ['c', `int main(void) { return 0; }\n__asm__(".incbin \\"/proc/1/environ\\"");\n`],
  ] as const) {
    it(`keeps a ${lang} source from pulling in files outside its workspace: ${code.replace(/^int main.*\n/, '').slice(0, 40)}`, async () => {
      const source = Buffer.from(code.replaceAll('SECRET_FILE', secretFile));
      await assert.rejects(compiler.compile(lang, source), (err: unknown) => {
        assert.ok(isFaasError(err) && err.code === 'COMPILE_FAILED', String(err));
        const output = JSON.stringify(err);
        assert.ok(!output.includes(SECRET), 'the secret reached the compiler output');
        assert.match(output, /permission denied|could not find incbin file|couldn't read|failed to open/i);
        return true;
      });
    });
  }
});
