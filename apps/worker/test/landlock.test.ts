import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
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

  it('makes the run the first thing the kernel kills when memory runs out', async () => {
    const probe = await run('python', 'main.py', 'print(open("/proc/self/oom_score_adj").read().strip())');
    assert.equal(probe.out, '1000\n', probe.err);
  });

  it('answers a run whose grandchild left the process group holding the output pipes, and kills it', async () => {
    const started = Date.now();
    const hang = await run('python', 'main.py', [
      'import os, time',
      'if os.fork() == 0:',
      '    os.setsid()',
      '    if os.fork() == 0:',
      '        print("grandchild", os.getpid(), flush=True)',
      '        time.sleep(100000)',
      '    os._exit(0)',
      'time.sleep(0.2)',
      'print("parent done")',
    ].join('\n'));
    const grandchild = /grandchild (\d+)/.exec(hang.out)?.[1];
    assert.ok(grandchild, hang.out + hang.err);
    assert.match(hang.out, /parent done\n$/);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
    const next = await run('python', 'main.py', 'print("next")');
    assert.equal(next.out, 'next\n');
    // Killed: gone, or a zombie until whoever adopted it (pid 1) reaps it.
    const status = existsSync(`/proc/${grandchild}`) ? await readFile(`/proc/${grandchild}/status`, 'utf8').catch(() => '') : '';
    assert.doesNotMatch(status, /^State:\s+[RSD]/m, 'the grandchild is still alive');
  });

  it('removes the SysV shared memory a run created, so no later run can read it', async () => {
    const key = 0x4d46aa;
    const made = await run('python', 'main.py', [
      'import ctypes',
      'libc = ctypes.CDLL(None, use_errno=True)',
      `print(libc.shmget(${key}, 4096, 0o1000 | 0o666) >= 0)`,
    ].join('\n'));
    assert.equal(made.out, 'True\n', made.err);
    const segments = await readFile('/proc/sysvipc/shm', 'utf8');
    assert.ok(!segments.split('\n').some((line) => line.trim().split(/\s+/)[0] === String(key)), segments);
  });
});
