import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { createCompilerDriver } from '../src/index.js';

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));
const fixture = (file: string) => path.join(FIXTURES, file);

describe('toolchain detection', () => {
  let scratch: string;

  before(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'compiler-driver-detect-'));
  });
  after(() => rm(scratch, { recursive: true, force: true }));

  const detect = (env: Record<string, string>) =>
    createCompilerDriver({
      cacheDir: scratch,
      env: { PATH: '/usr/bin:/bin', HOME: scratch, ...env },
    }).detect();

  /** A directory holding one executable `name` that runs the given fixture. */
  async function binDir(dir: string, name: string, target: string): Promise<string> {
    const bin = path.join(scratch, dir);
    await mkdir(bin, { recursive: true });
    await writeFile(path.join(bin, name), `#!/bin/sh\nexec '${fixture(target)}' "$@"\n`);
    await chmod(path.join(bin, name), 0o755);
    return bin;
  }

  it('uses wasm32-wasi when wasm32-wasip1 is listed but only the wasm32-wasi std is installed', async () => {
    const { rust } = await detect({ FAAS_RUSTC: fixture('fake-rustc-wasi-only.sh') });

    assert.equal(rust.available, true);
    assert.equal(rust.target, 'wasm32-wasi');
    assert.equal(rust.version, '1.82.0');
  });

  it('turns down a rustc that lists wasm targets but has no wasm std, and says how to add it', async () => {
    const { rust } = await detect({ FAAS_RUSTC: fixture('fake-rustc-no-wasm-std.sh') });

    assert.equal(rust.available, false);
    assert.match(
      rust.problem ?? '',
      /rustc 1\.95\.0 .* has no wasm32-wasip1 or wasm32-wasi std/,
    );
    assert.match(rust.installHint, /rustup target add wasm32-wasip1/);
    assert.match(rust.installHint, /apt-get install rustc libstd-rust-dev-wasm32/);
  });

  it('skips a rustc on PATH without a wasm std and takes the next one that has it', async () => {
    const first = await binDir('no-std', 'rustc', 'fake-rustc-no-wasm-std.sh');
    const second = await binDir('wasi-std', 'rustc', 'fake-rustc-wasi-only.sh');

    const { rust } = await detect({ PATH: `${first}:${second}:/usr/bin:/bin` });

    assert.equal(rust.available, true);
    assert.equal(rust.command, path.join(second, 'rustc'));
  });

  it('turns down a Go older than 1.21', async () => {
    const { go } = await detect({ FAAS_GO: fixture('fake-go-old.sh') });

    assert.equal(go.available, false);
    assert.match(go.problem ?? '', /go 1\.19\.8 .* too old/);
    assert.match(go.installHint, /golang-1\.23-go/);
  });

  it('reports a FAAS_ path that does not exist instead of searching elsewhere', async () => {
    const { c, rust, go } = await detect({
      FAAS_CLANG: '/nonexistent/clang',
      FAAS_RUSTC: '/nonexistent/rustc',
      FAAS_GO: '/nonexistent/go',
    });

    for (const status of [c, rust, go]) {
      assert.equal(status.available, false);
      assert.match(status.problem ?? '', /is set to \/nonexistent\/\w+, which does not exist/);
    }
  });

  it('probes once and then answers from its cache', async () => {
    const compiler = createCompilerDriver({
      cacheDir: scratch,
      env: { FAAS_GO: fixture('fake-go-old.sh') },
    });

    assert.equal(await compiler.detect(), await compiler.detect());
  });
});
