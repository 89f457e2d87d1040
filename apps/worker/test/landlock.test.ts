import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { NativeRunner } from '../src/native-runner.js';
import { resolveContainment } from '../src/containment.js';
import type { RunRequest } from '../src/run-types.js';

// No skipping: CI runs as root (fresh uids) with clang, python3, php and a kernel with Landlock.

const HELPER_SOURCE = fileURLToPath(new URL('../../../packages/compiler-driver/landlock/landlock-exec.c', import.meta.url));

describe('native functions under uid+landlock (the worker container\'s containment)', () => {
  let dir: string;
  let runner: NativeRunner;
  const savedPath = process.env['PATH'];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mf-landlock-'));
    // The run's uid executes the helper: its folder must be open to it.
    await chmod(dir, 0o755);
    execFileSync('clang', ['-O2', '-Wall', '-Werror', '-o', join(dir, 'minifaas-landlock'), HELPER_SOURCE]);
    process.env['PATH'] = `${dir}:${savedPath ?? ''}`;
    runner = new NativeRunner({ containment: resolveContainment('uid+landlock'), limits: { memoryLimitMiB: 256, maxProcesses: 64 } });
  });
  after(async () => {
    process.env['PATH'] = savedPath;
    await rm(dir, { recursive: true, force: true });
  });

  /** Deploys `source` as a one-version function folder and runs it once. */
  async function run(lang: 'python' | 'php' | 'js', file: string, source: string) {
    const versionDir = await mkdtemp(join(dir, 'fn-'));
    execFileSync('sh', ['-c', 'cat > "$1"', 'sh', join(versionDir, 'source')], { input: source });
    const req: RunRequest = { functionId: 'f_1', versionDir, stdin: Buffer.alloc(0), deadlineMs: Date.now() + 10_000, outputLimitBytes: 1 << 20, env: {} };
    const result = await runner.run(lang, req);
    return { ...result, out: Buffer.from(result.stdout).toString(), err: Buffer.from(result.stderr).toString(), file };
  }

  it('runs python, php and node functions', async () => {
    const py = await run('python', 'main.py', 'print("hi from python")');
    const php = await run('php', 'main.php', '<?php echo "hi from php\\n";');
    const js = await run('js', 'main.js', 'console.log("hi from node")');
    assert.equal(py.out, 'hi from python\n', py.err);
    assert.equal(php.out, 'hi from php\n', php.err);
    assert.equal(js.out, 'hi from node\n', js.err);
  });

  it('lets a function open only the system, its run dir and its own /proc, nothing else', async () => {
    const probe = await run('python', 'main.py', [
      'import os',
      'def tries(what, f):',
      '    try:',
      '        f(); print(what, "allowed")',
      '    except OSError as e:',
      '        print(what, "refused", e.errno)',
      'tries("/etc/passwd", lambda: open("/etc/passwd").read())',
      'tries("/tmp write", lambda: open("/tmp/minifaas-landlock-probe", "w").write("x"))',
      'tries("/proc/1/environ", lambda: open("/proc/1/environ", "rb").read())',
      'tries("run dir write", lambda: open("scratch", "w").write("x"))',
      'tries("/proc/self/status", lambda: open("/proc/self/status").read())',
    ].join('\n'));
    assert.equal(
      probe.out,
      ['/etc/passwd refused 13', '/tmp write refused 13', '/proc/1/environ refused 13', 'run dir write allowed', '/proc/self/status allowed', ''].join('\n'),
      probe.err,
    );
  });
});
