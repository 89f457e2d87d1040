import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import type { Logger } from '@minifaas/logger';
import { isFaasError } from '@minifaas/protocol';

import {
  createCompilerDriver,
  type CompilerDriverOptions,
  type WasmLanguage,
} from '../src/index.js';

// Real toolchains and the real bubblewrap, no skipping: CI installs both (and runs as root or
// allows unprivileged user namespaces, as this machine does).

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));
const IS_ROOT = process.getuid?.() === 0;
const HELLO_C = Buffer.from('#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n');

/** 2^26 copies of `1+`: the preprocessor alone wants gigabytes for it. */
function macroBomb(): Buffer {
  const lines = ['#define X0 1+'];
  for (let i = 1; i <= 26; i++) lines.push(`#define X${i} X${i - 1} X${i - 1}`);
  lines.push('int v = X26 0;', 'int main(void) { return v; }');
  return Buffer.from(`${lines.join('\n')}\n`);
}

interface LogEntry {
  level: string;
  message: string;
  meta: Record<string, unknown>;
}

/** Just the methods the driver calls, recording what it logs. */
function recordingLogger(entries: LogEntry[]): Logger {
  const log =
    (level: string) =>
    (message: string, meta: Record<string, unknown> = {}) => {
      entries.push({ level, message, meta });
    };
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
  } as unknown as Logger;
}

/** The rejection of a compile that must fail. */
async function compileError(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('the compile must fail'),
    (err: unknown) => err,
  );
}

describe('compiler sandbox with the real toolchains', () => {
  let scratch: string;
  let savedTmpdir: string | undefined;
  let cacheDir: string;
  let marker: string;
  let secretDir: string;
  let homeDir: string;
  let secretFile: string;
  let sshKey: string;

  before(async () => {
    // A private TMPDIR shows that compile dirs go away; 0755 so another uid can pass through.
    scratch = await mkdtemp(path.join(os.tmpdir(), 'compiler-sandbox-test-'));
    await chmod(scratch, 0o755);
    savedTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    cacheDir = path.join(scratch, 'cache');

    // Files outside every dir a compiler may see, world-readable so that only the sandbox's
    // mounts, not the switch to another uid, keep them out.
    marker = `minifaas-secret-${randomBytes(8).toString('hex')}`;
    secretDir = await mkdtemp('/var/tmp/minifaas-secret-');
    homeDir = await mkdtemp('/var/tmp/minifaas-home-');
    secretFile = path.join(secretDir, 'secret.txt');
    sshKey = path.join(homeDir, '.ssh', 'id_rsa');
    await mkdir(path.dirname(sshKey));
    await writeFile(secretFile, `${marker} is not C, Rust or Go\n`);
    await writeFile(sshKey, `${marker} -----BEGIN OPENSSH PRIVATE KEY-----\n`);
    for (const dir of [secretDir, homeDir, path.dirname(sshKey)]) await chmod(dir, 0o755);
    for (const file of [secretFile, sshKey]) await chmod(file, 0o644);
  });
  after(async () => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    await Promise.all(
      [scratch, secretDir, homeDir].map((dir) => rm(dir, { recursive: true, force: true })),
    );
  });

  function driver(options: CompilerDriverOptions = {}) {
    return createCompilerDriver({ cacheDir, ...options });
  }

  async function leftoverCompileDirs(): Promise<string[]> {
    return (await readdir(scratch)).filter((entry) => entry.startsWith('minifaas-compile-'));
  }

  /** The compile fails because the file is not there, and the message holds none of it. */
  async function assertNoLeak(lang: WasmLanguage, source: string, notFound: RegExp) {
    const err = await compileError(driver().compile(lang, Buffer.from(source)));

    assert.ok(isFaasError(err, 'COMPILE_FAILED'), String(err));
    assert.match(err.message, notFound);
    assert.ok(!err.message.includes(marker), err.message);
  }

  it('runs the compilers in bubblewrap, as an unprivileged uid when this service is root', async () => {
    const status = await driver().containment();

    assert.equal(status.mode, 'bwrap', status.problem);
    assert.equal(status.uid === undefined, !IS_ROOT);
    if (status.uid !== undefined) assert.ok(status.uid >= 1000);
  });

  it('shows a compiler only /usr, its toolchain, its own dirs and no network', async () => {
    const compiler = driver({ env: { FAAS_CLANG: path.join(FIXTURES, 'fake-clang-peek.sh') } });
    const { uid } = await compiler.containment();

    const err = await compileError(compiler.compile('c', HELLO_C));

    assert.ok(isFaasError(err, 'COMPILE_FAILED'));
    const seen = Object.fromEntries(
      String(err.details.compilerOutput)
        .split('\n')
        .map((line) => /^(\w+): ?(.*)$/.exec(line))
        .filter((match) => match !== null)
        .map(([, key, value]) => [key, (value ?? '').split(' ').filter(Boolean)]),
    );
    // The fake compiler lives under the repository, so the repository's top dir shows too.
    const toolchainTop = FIXTURES.split('/')[1] ?? '';
    const allowed = ['bin', 'cache', 'dev', 'etc', 'lib', 'lib32', 'lib64', 'libx32', 'proc'];
    allowed.push('sbin', 'src', 'tmp', 'usr', toolchainTop);
    assert.deepEqual(
      seen.root?.filter((entry: string) => !allowed.includes(entry)),
      [],
      'nothing but the allowed dirs at /',
    );
    assert.ok(!seen.root?.includes('home') && !seen.root?.includes('root'));
    assert.deepEqual(seen.etc?.sort(), ['alternatives', 'ld.so.cache']);
    assert.deepEqual(seen.net, ['lo']);
    assert.deepEqual(seen.src, ['main.c']);
    assert.deepEqual(seen.uid, [String(uid ?? process.getuid?.())]);
  });

  it('keeps /etc/passwd out of a C build and its messages', async () => {
    const firstLine = (await readFile('/etc/passwd', 'utf8')).split('\n', 1)[0] ?? '';
    const source = Buffer.from('#include "/etc/passwd"\nint main(void) { return 0; }\n');

    const err = await compileError(driver().compile('c', source));

    assert.ok(isFaasError(err, 'COMPILE_FAILED'));
    assert.match(err.message, /'\/etc\/passwd' file not found/);
    assert.ok(!err.message.includes(firstLine));
  });

  for (const [what, file] of [
    ['a secret file', () => secretFile],
    ['a key in a home dir', () => sshKey],
  ] as const) {
    it(`keeps ${what} out of a C build, by #include or by .incbin`, async () => {
      const main = 'int main(void) { return 0; }\n';
      await assertNoLeak('c', `#include "${file()}"\n${main}`, /file not found/);
      const incbin = `__asm__(".section .rodata.x,\\"a\\"\\n.incbin \\"${file()}\\"\\n");\n`;
      await assertNoLeak('c', `${incbin}${main}`, /Could not find incbin file/);
    });

    it(`keeps ${what} out of a Rust build, by include_str!, include_bytes! or #[path]`, async () => {
      const main = 'fn main() { println!("{}", S.len()); }\n';
      const missing = /couldn't read .*No such file or directory/;
      await assertNoLeak('rust', `const S: &str = include_str!("${file()}");\n${main}`, missing);
      await assertNoLeak('rust', `const S: &[u8] = include_bytes!("${file()}");\n${main}`, missing);
      await assertNoLeak('rust', `#[path = "${file()}"]\nmod secret;\nfn main() {}\n`, missing);
    });
  }

  // Go itself refuses these (embed patterns may not leave the package dir, cgo is off); the
  // sandbox is the second wall.
  it('keeps a secret file out of a Go build, by go:embed or by cgo', async () => {
    const embed = (pattern: string) =>
      `package main\n\nimport _ "embed"\n\n//go:embed ${pattern}\nvar s string\n\nfunc main() { println(s) }\n`;
    await assertNoLeak('go', embed(secretFile), /invalid pattern syntax/);
    await assertNoLeak('go', embed(`../../../../../../..${secretFile}`), /invalid pattern syntax/);
    const cgo = `package main\n\n// #include "${secretFile}"\nimport "C"\n\nfunc main() {}\n`;
    await assertNoLeak('go', cgo, /no Go source files|build constraints exclude/);
  });

  it('stops a compile at the compiler memory limit with COMPILE_FAILED, not a crash', async () => {
    const compiler = driver({ compilerMemoryLimitMiB: 256 });
    const started = performance.now();

    const err = await compileError(compiler.compile('c', macroBomb()));

    assert.ok(isFaasError(err, 'COMPILE_FAILED'), String(err));
    assert.equal(err.details.outOfMemory, true);
    assert.match(err.message, /ran out of memory at the compiler limit of 256 MiB/);
    assert.ok(performance.now() - started < 20_000);
    // The limit leaves room for an ordinary source.
    assert.equal((await compiler.compile('c', HELLO_C)).wasm.subarray(1, 4).toString(), 'asm');
    assert.deepEqual(await leftoverCompileDirs(), []);
  });

  it('stops a compiler that starts more processes than the limit allows', async () => {
    const env = { FAAS_CLANG: path.join(FIXTURES, 'fake-clang-forks.sh') };

    const limited = await compileError(
      driver({ env, compilerMaxProcesses: 16 }).compile('c', HELLO_C),
    );
    const unlimited = await compileError(driver({ env }).compile('c', HELLO_C));

    assert.ok(isFaasError(limited, 'COMPILE_FAILED'));
    assert.match(String(limited.details.compilerOutput), /fork/i);
    assert.doesNotMatch(String(limited.details.compilerOutput), /started all 64/);
    assert.ok(isFaasError(unlimited, 'COMPILE_FAILED'));
    assert.match(String(unlimited.details.compilerOutput), /started all 64/);
  });

  it('keeps the Go build cache usable for compiles without the sandbox, and back', async () => {
    const source = Buffer.from('package main\n\nfunc main() {}\n');

    for (const sandbox of ['bwrap', 'none', 'bwrap'] as const) {
      const result = await driver({ sandbox }).compile('go', source);
      assert.equal(
        result.wasm.subarray(1, 4).toString(),
        'asm',
        `go build with sandbox ${sandbox}`,
      );
    }
    assert.deepEqual(await leftoverCompileDirs(), []);
  });

  it('compiles hello in C, Rust and Go in the sandbox with host paths scrubbed', async () => {
    const compiler = driver();
    for (const file of ['hello.c', 'hello.rs', 'hello.go']) {
      const lang = ({ '.c': 'c', '.rs': 'rust', '.go': 'go' } as const)[path.extname(file)];
      const result = await compiler.compile(lang ?? 'c', await readFile(path.join(FIXTURES, file)));
      assert.equal(result.wasm.subarray(1, 4).toString(), 'asm', file);
    }
    const err = await compileError(
      compiler.compile('c', await readFile(path.join(FIXTURES, '07-syntax.c'))),
    );
    assert.ok(isFaasError(err, 'COMPILE_FAILED'));
    assert.match(err.message, /^main\.c:4:19: error/m);
    assert.doesNotMatch(err.message, /\/src\/|\/tmp\/|minifaas-compile-/);
    assert.deepEqual(await leftoverCompileDirs(), []);
  });

  it('falls back to rlimits alone and warns what is not contained when bubblewrap fails', async () => {
    const logged: LogEntry[] = [];
    const compiler = driver({
      env: { FAAS_BWRAP: '/nonexistent/bwrap' },
      compilerMemoryLimitMiB: 256,
      logger: recordingLogger(logged),
    });

    const status = await compiler.containment();
    const bomb = await compileError(compiler.compile('c', macroBomb()));
    const hello = await compiler.compile('c', HELLO_C);

    assert.equal(status.mode, 'rlimits');
    assert.equal(status.uid === undefined, !IS_ROOT);
    assert.match(status.problem ?? '', /FAAS_BWRAP is set to \/nonexistent\/bwrap/);
    const warning = logged.find((entry) => entry.message === 'compilers not sandboxed');
    assert.equal(warning?.level, 'warn');
    assert.match(String(warning?.meta.exposed), /can read .* network is reachable/);
    assert.ok(isFaasError(bomb, 'COMPILE_FAILED'));
    assert.equal(bomb.details.outOfMemory, true);
    assert.equal(hello.wasm.subarray(1, 4).toString(), 'asm');
    assert.ok(!logged.some((entry) => entry.message === 'compile runs as the service user'));
  });

  it('answers SANDBOX_UNAVAILABLE when bubblewrap is required and fails', async () => {
    const logged: LogEntry[] = [];
    const compiler = driver({
      sandbox: 'bwrap',
      env: { FAAS_BWRAP: '/nonexistent/bwrap' },
      logger: recordingLogger(logged),
    });

    const err = await compileError(compiler.compile('c', HELLO_C));

    assert.ok(isFaasError(err, 'SANDBOX_UNAVAILABLE'));
    assert.match(err.message, /FAAS_COMPILER_SANDBOX=auto/);
    assert.equal((await compiler.containment()).mode, 'unavailable');
    assert.equal(
      logged.find((entry) => entry.level === 'error')?.message,
      'compiler sandbox unavailable',
    );
  });
});
