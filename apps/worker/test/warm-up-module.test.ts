import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';
import { WARM_UP_MODULE, warmUpOutput } from '../src/warm-up-module.js';

const WORKER_DIR = fileURLToPath(new URL('..', import.meta.url));

function inTempDir<T>(body: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'mf-warm-'));
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the module under node's own WASI with files for stdin, stdout and stderr. */
function runInWasi(dir: string, stdin: string): { code: number; stdout: string; stderr: string } {
  writeFileSync(join(dir, 'in'), stdin);
  const fds = [openSync(join(dir, 'in'), 'r'), openSync(join(dir, 'out'), 'w'), openSync(join(dir, 'err'), 'w')] as const;
  try {
    const wasi = new WASI({ version: 'preview1', stdin: fds[0], stdout: fds[1], stderr: fds[2], returnOnExit: true });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(WARM_UP_MODULE), wasi.getImportObject() as WebAssembly.Imports);
    const code = wasi.start(instance);
    return { code, stdout: readFileSync(join(dir, 'out'), 'utf8'), stderr: readFileSync(join(dir, 'err'), 'utf8') };
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}

describe('warm-up module', () => {
  it('is a WASI command that needs nothing beyond stdio and exit', () => {
    const module = new WebAssembly.Module(WARM_UP_MODULE);

    const imports = WebAssembly.Module.imports(module);
    assert.ok(imports.every((i) => i.module === 'wasi_snapshot_preview1' && /^(fd_\w+|proc_exit)$/.test(i.name)), JSON.stringify(imports));
    assert.deepEqual(WebAssembly.Module.exports(module).map((e) => e.name).sort(), ['_start', 'memory']);
  });

  it('echoes its stdin to stdout and writes to stderr', () => {
    const ran = inTempDir((dir) => runInWasi(dir, 'warm'));

    assert.deepEqual(ran, { code: 0, stdout: warmUpOutput('warm'), stderr: 'warm-up: stderr\n' });
  });

  it('is the build of the committed source (pnpm --filter @minifaas/worker build:warm-up)', () => {
    const script = (JSON.parse(readFileSync(join(WORKER_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['build:warm-up'] ?? '';
    assert.match(script, /-o assets\/warm-up\.wasm/);

    const rebuilt = inTempDir((dir) => {
      execFileSync('sh', ['-c', script.replace('-o assets/warm-up.wasm', `-o ${join(dir, 'warm-up.wasm')}`)], { cwd: WORKER_DIR });
      return readFileSync(join(dir, 'warm-up.wasm'));
    });

    assert.ok(rebuilt.equals(Buffer.from(WARM_UP_MODULE)), 'assets/warm-up.wasm does not match assets/warm-up.c: rebuild it');
  });
});
