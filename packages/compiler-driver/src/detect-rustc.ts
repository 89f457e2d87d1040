import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { isExecutable } from './find-executables.js';
import { pickToolchain, type CandidateCheck, type DetectEnv } from './pick-toolchain.js';
import { firstLine, runProbe } from './run-probe.js';
import type { ToolchainStatus } from './types.js';

const WELL_KNOWN = ['/usr/bin/rustc', '/usr/local/bin/rustc'];
/** wasm32-wasi was renamed wasm32-wasip1 and the old name removed in Rust 1.84. */
const TARGETS = ['wasm32-wasip1', 'wasm32-wasi'];

/**
 * Finds a rustc whose wasm standard library is installed. A rustc can list a wasm target without
 * having its std (rustup without `target add`), so the sysroot is checked, not the target list.
 */
export function detectRustc(env: DetectEnv): Promise<ToolchainStatus> {
  return pickToolchain(
    {
      lang: 'rust',
      variable: 'FAAS_RUSTC',
      names: ['rustc'],
      wellKnown: WELL_KNOWN,
      check: checkRustc,
    },
    env,
  );
}

async function checkRustc(command: string, env: Record<string, string>): Promise<CandidateCheck> {
  const versionProbe = await runProbe(command, ['--version'], env);
  const version = /^rustc (\S+)/.exec(versionProbe.stdout)?.[1];
  if (!versionProbe.ok || !version) {
    return { ok: false, problem: `${command} --version did not report a rustc version` };
  }
  const sysroot = firstLine((await runProbe(command, ['--print', 'sysroot'], env)).stdout);
  const listed = (await runProbe(command, ['--print', 'target-list'], env)).stdout.split('\n');
  for (const target of TARGETS) {
    if (!listed.includes(target) || !(await hasStd(sysroot, target))) continue;
    return { ok: true, command: await realCompiler(command, sysroot), version, target };
  }
  const rustlib = path.join(sysroot, 'lib', 'rustlib');
  const problem = `rustc ${version} at ${command} has no wasm32-wasip1 or wasm32-wasi std`;
  return { ok: false, problem: `${problem} (standard library) under ${rustlib}` };
}

async function hasStd(sysroot: string, target: string): Promise<boolean> {
  if (!path.isAbsolute(sysroot)) return false;
  try {
    const files = await readdir(path.join(sysroot, 'lib', 'rustlib', target, 'lib'));
    return files.some((file) => file.startsWith('libstd-'));
  } catch {
    return false;
  }
}

/**
 * The rustc binary inside the sysroot. Behind a rustup proxy it is the real compiler, which runs
 * without HOME or RUSTUP_HOME, so compiles keep their minimal environment.
 */
async function realCompiler(command: string, sysroot: string): Promise<string> {
  const inSysroot = path.join(sysroot, 'bin', 'rustc');
  return (await isExecutable(inSysroot)) ? inSysroot : command;
}
