import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Logger } from '@minifaas/logger';

import { layoutWorkspace } from './compile-workspace.js';
import {
  sandboxCompilerInvocation,
  type Containment,
  type ContainmentMode,
  type SandboxTools,
} from './compiler-sandbox.js';
import { findExecutables, isExecutable } from './find-executables.js';
import type { CompilerSandboxSetting } from './options.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The uid compilers run as when this service is root: one fixed uid, so the Go build cache it
 * writes is reused across compiles and restarts. Below the worker's run uids (200 000–299 999)
 * and far from system and login users.
 */
export const COMPILE_UID = 199_000;
/** setpriv and prlimit also run inside bubblewrap, which shows only /usr. */
const USR_PATH = '/usr/bin:/usr/sbin:/usr/local/bin:/usr/local/sbin';
const BWRAP_WELL_KNOWN = ['/usr/bin/bwrap', '/usr/local/bin/bwrap'];
/** Built from packages/compiler-driver/landlock/landlock-exec.c into the gateway image. */
const LANDLOCK_WELL_KNOWN = ['/usr/local/bin/minifaas-landlock'];
/** A probe runs `true`; anything slower than this is broken. */
const PROBE_TIMEOUT_MS = 10_000;

/** One probe per distinct containment and process: the answer does not change while we run. */
const probes = new Map<string, Promise<string | undefined>>();

/**
 * The strongest containment the setting allows that works here, tried for real once. Never
 * throws: with `bwrap` unworkable the mode is `unavailable` and compiles fail.
 */
export async function resolveContainment(
  setting: CompilerSandboxSetting,
  env: Env,
  logger: Logger,
): Promise<Containment> {
  const containment = await pickContainment(setting, env);
  const { mode, uid, problem } = containment;
  if (mode === 'unavailable') {
    logger.error('compiler sandbox unavailable', { setting, problem });
  } else if (setting === 'auto' && mode !== 'bwrap' && mode !== 'landlock') {
    logger.warn('compilers not sandboxed', { mode, uid, problem, exposed: exposure(containment) });
  } else {
    logger.info('compiler containment', { mode, uid, ...(mode === 'landlock' ? { problem } : {}) });
  }
  return containment;
}

async function pickContainment(setting: CompilerSandboxSetting, env: Env): Promise<Containment> {
  if (setting === 'none') return { mode: 'none', tools: {} };
  const uid = process.getuid?.() === 0 ? COMPILE_UID : undefined;
  const tools = await findTools(env);
  if (setting === 'landlock') {
    const problem = tools.landlock ? await probe({ mode: 'landlock', uid, tools }) : LANDLOCK_MISSING;
    return problem ? { mode: 'unavailable', problem, tools } : { mode: 'landlock', uid, tools };
  }
  const bwrapProblem = tools.bwrap ? await probe({ mode: 'bwrap', uid, tools }) : bwrapMissing(env);
  if (!bwrapProblem) return { mode: 'bwrap', uid, tools };
  if (setting === 'bwrap') return { mode: 'unavailable', problem: bwrapProblem, tools };

  // auto: Landlock where the kernel has it, else the rlimits alone; as another uid where possible.
  const modes = tools.landlock ? (['landlock', 'rlimits'] as const) : (['rlimits'] as const);
  const fallbacks: Containment[] = modes.flatMap((mode) => [
    ...(uid === undefined ? [] : [{ mode, uid, tools }]),
    { mode, tools },
  ]);
  for (const fallback of fallbacks) {
    if (!(await probe(fallback))) return { ...fallback, problem: bwrapProblem };
  }
  return { mode: 'none', problem: bwrapProblem, tools: {} };
}

async function findTools(env: Env): Promise<SandboxTools> {
  const first = async (name: string, pathEnv: string | undefined, wellKnown: string[] = []) =>
    (await findExecutables([name], pathEnv, wellKnown))[0];
  const configured = env.FAAS_BWRAP ? path.resolve(env.FAAS_BWRAP) : undefined;
  const [bwrap, landlock, setpriv, prlimit] = await Promise.all([
    configured
      ? isExecutable(configured).then((ok) => (ok ? configured : undefined))
      : first('bwrap', env.PATH, BWRAP_WELL_KNOWN),
    first('minifaas-landlock', env.PATH, LANDLOCK_WELL_KNOWN),
    first('setpriv', USR_PATH),
    first('prlimit', USR_PATH),
  ]);
  return { bwrap, landlock, setpriv, prlimit };
}

const LANDLOCK_MISSING = `no minifaas-landlock on PATH or at ${LANDLOCK_WELL_KNOWN.join(', ')} (build packages/compiler-driver/landlock/landlock-exec.c)`;

function bwrapMissing(env: Env): string {
  if (env.FAAS_BWRAP) {
    return `FAAS_BWRAP is set to ${env.FAAS_BWRAP}, which does not exist or is not executable`;
  }
  return `no bwrap on PATH or at ${BWRAP_WELL_KNOWN.join(', ')} (package bubblewrap)`;
}

/** Runs `true` in the containment, in a real throwaway workspace; undefined when it worked. */
function probe(containment: Containment): Promise<string | undefined> {
  const key = JSON.stringify(containment);
  let result = probes.get(key);
  if (!result) {
    result = tryContainment(containment).catch(
      (err: unknown) => `the probe failed: ${String(err)}`,
    );
    probes.set(key, result);
  }
  return result;
}

async function tryContainment(containment: Containment): Promise<string | undefined> {
  const { mode, uid, tools } = containment;
  const needed: (keyof SandboxTools)[] = uid === undefined ? ['prlimit'] : ['prlimit', 'setpriv'];
  const missing = needed.find((tool) => !tools[tool]);
  if (missing) return `no ${missing} under /usr (package util-linux)`;
  const trueCommand = (await findExecutables(['true'], USR_PATH, []))[0];
  if (!trueCommand) return 'no `true` under /usr to probe with';

  const root = await mkdtemp(path.join(os.tmpdir(), 'minifaas-sandbox-probe-'));
  try {
    const workspace = await layoutWorkspace(root, path.join(root, 'cache'), uid);
    const invocation = sandboxCompilerInvocation(containment, {
      command: trueCommand,
      args: [],
      env: { PATH: USR_PATH },
      workspace,
      uid,
      limits: { addressSpaceMiB: 512, maxProcesses: 64 },
    });
    return await new Promise((resolve) => {
      const options = { cwd: invocation.cwd, env: invocation.env, timeout: PROBE_TIMEOUT_MS };
      execFile(invocation.command, invocation.args, options, (error, _stdout, stderr) => {
        if (!error) resolve(undefined);
        else resolve(String(stderr).trim() || `${modeName(mode)} failed: ${error.message}`);
      });
    });
  } catch (err) {
    return `${modeName(mode)} could not be set up: ${String(err)}`;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function modeName(mode: ContainmentMode): string {
  return mode === 'bwrap' ? 'bubblewrap' : mode === 'landlock' ? 'minifaas-landlock' : 'prlimit';
}

/** What a compile can reach that bubblewrap would have hidden, for the fallback warning. */
function exposure({ mode, uid }: Containment): string {
  const who = uid === undefined ? "this service's user" : `uid ${uid}`;
  const common =
    `any file ${who} can read (such as /etc/passwd) can be pulled into a build or its ` +
    'messages, and the network is reachable';
  if (mode === 'rlimits') return `${common}; memory and process count are limited`;
  return `${common}; memory and process count are not limited`;
}
