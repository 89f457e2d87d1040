import os from 'node:os';
import path from 'node:path';

import { probeEnv } from './compiler-env.js';
import { findExecutables, isExecutable } from './find-executables.js';
import { INSTALL_HINTS } from './install-hints.js';
import type { ToolchainStatus, WasmLanguage } from './types.js';

export type DetectEnv = Readonly<Record<string, string | undefined>>;

/** What checking one candidate binary found. */
export type CandidateCheck =
  | { ok: true; command: string; version: string; target: string }
  | { ok: false; problem: string };

export interface ToolchainSearch {
  lang: WasmLanguage;
  /** FAAS_CLANG and friends: when set, only that binary is considered. */
  variable: string;
  names: readonly string[];
  wellKnown: readonly string[];
  check: (candidate: string, probeEnv: Record<string, string>) => Promise<CandidateCheck>;
}

/**
 * The first candidate that passes `check`: the configured binary, else every match on PATH and
 * then the well-known paths. When none passes, `problem` lists why each one was turned down.
 */
export async function pickToolchain(
  search: ToolchainSearch,
  env: DetectEnv,
): Promise<ToolchainStatus> {
  const { lang } = search;
  const installHint = INSTALL_HINTS[lang];
  const configured = env[search.variable];
  if (configured && !(await isExecutable(path.resolve(configured)))) {
    const problem =
      `${search.variable} is set to ${configured}, ` + 'which does not exist or is not executable';
    return { lang, available: false, problem, installHint };
  }
  const candidates = configured
    ? [path.resolve(configured)]
    : await findExecutables(search.names, env.PATH, search.wellKnown);
  if (candidates.length === 0) {
    const problem = `no ${search.names.join(' or ')} on PATH or at ${search.wellKnown.join(', ')}`;
    return { lang, available: false, problem, installHint };
  }

  const problems: string[] = [];
  for (const candidate of candidates) {
    const result = await search.check(candidate, probeEnv(candidate, env, os.homedir()));
    if (result.ok) {
      const { command, version, target } = result;
      return { lang, available: true, command, version, target, installHint };
    }
    problems.push(result.problem);
  }
  return { lang, available: false, problem: problems.join('; '), installHint };
}
