import { existsSync } from 'node:fs';
import path from 'node:path';

import { pickToolchain, type CandidateCheck, type DetectEnv } from './pick-toolchain.js';
import { firstLine, runProbe } from './run-probe.js';
import type { ToolchainStatus } from './types.js';

const WELL_KNOWN = [
  '/usr/bin/clang',
  ...[19, 18, 17, 16, 15, 14].map((v) => `/usr/bin/clang-${v}`),
];
/** wasi-libc builds from 2024 on install under the new name; Debian 12's still uses the old one. */
const TARGETS = ['wasm32-wasip1', 'wasm32-wasi'];

/** Finds a clang that can build and link for WASI: wasi-libc, compiler-rt builtins, wasm-ld. */
export function detectClang(env: DetectEnv): Promise<ToolchainStatus> {
  return pickToolchain(
    {
      lang: 'c',
      variable: 'FAAS_CLANG',
      names: ['clang'],
      wellKnown: WELL_KNOWN,
      check: checkClang,
    },
    env,
  );
}

async function checkClang(command: string, env: Record<string, string>): Promise<CandidateCheck> {
  const probe = await runProbe(command, ['--version'], env);
  const version = /clang version (\S+)/.exec(probe.stdout)?.[1];
  if (!probe.ok || !version) {
    return { ok: false, problem: `${command} --version did not report a clang version` };
  }
  for (const target of TARGETS) {
    const query = (...args: string[]) => printedPath(command, [`--target=${target}`, ...args], env);
    // clang echoes the bare name back when it cannot find the file.
    if (!(await query('-print-file-name=libc.a'))) continue;
    if (!(await query('--rtlib=compiler-rt', '-print-libgcc-file-name'))) {
      const problem = `clang ${version} at ${command} lacks the wasm32 compiler-rt builtins`;
      return {
        ok: false,
        problem: `${problem} (package libclang-rt-${major(version)}-dev-wasm32)`,
      };
    }
    if (!(await query('-print-prog-name=wasm-ld'))) {
      return {
        ok: false,
        problem: `clang ${version} at ${command} finds no wasm-ld (package lld)`,
      };
    }
    return { ok: true, command, version, target };
  }
  return {
    ok: false,
    problem: `clang ${version} at ${command} finds no wasi-libc (package wasi-libc)`,
  };
}

async function printedPath(command: string, args: string[], env: Record<string, string>) {
  const probe = await runProbe(command, args, env);
  const printed = firstLine(probe.stdout);
  return probe.ok && path.isAbsolute(printed) && existsSync(printed);
}

function major(version: string): string {
  return version.split('.', 1)[0] ?? version;
}
