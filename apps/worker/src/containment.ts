import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How a native (js, python, php) function's process is contained, strongest first:
 * - `uid+bwrap`: as root, drop to a fresh unprivileged uid (setpriv), then bubblewrap with every
 *   namespace unshared (no network, own pid and mount namespaces, only /usr and the run dir).
 * - `bwrap`: bubblewrap as the worker's own (non-root) user: same namespaces, same uid.
 * - `uid+landlock`: a fresh uid plus rlimits, and the kernel's Landlock LSM (our small
 *   `minifaas-landlock`) lets the function open only /usr, a few files of /etc, /proc, /dev and its
 *   run dir. Needs no namespaces, so it works in a default container (the worker image has it).
 * - `uid`: a fresh unprivileged uid plus rlimits, no namespaces. What is left inside a default
 *   container, where bwrap cannot create namespaces; the container supplies the rest (no network,
 *   read-only root, pids and memory limits).
 * - `none`: only a fresh directory, the allow-listed environment and a process group. Never
 *   chosen by itself: an operator must ask for it with FAAS_SANDBOX=none.
 */
export type Containment = 'uid+bwrap' | 'bwrap' | 'uid+landlock' | 'uid' | 'none';
export type ContainmentSetting = Containment | 'auto';

export interface SandboxLimits {
  /** Address-space cap for python and php; V8 reserves more than it uses, so node gets a heap flag. */
  memoryLimitMiB: number;
  /** RLIMIT_NPROC for the run's uid. */
  maxProcesses: number;
}

export interface SandboxInput {
  argv: string[];
  runDir: string;
  /** Interpreter is V8 (node): an address-space rlimit would kill it at start. */
  v8: boolean;
  limits: SandboxLimits;
  /**
   * The function's own variables and the call's (HTTP trigger). They travel in the environment
   * of every wrapper, never on a command line (which other processes can read); their names were
   * checked against `unsafeEnvName`, so no wrapper acts on them.
   */
  env?: Readonly<Record<string, string>>;
}

export interface SandboxCommand {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** The unprivileged uid the run uses, when the containment switches uid. */
  uid?: number;
}

/** Fresh uids for runs come from this range, far from system and login users. */
const UID_BASE = 200_000;
const UID_RANGE = 100_000;
/** Where the run directory appears inside bubblewrap. */
const SANDBOX_WORKDIR = '/work';

/** The only variables a native function sees; nothing is copied from the worker's environment. */
export function functionEnv(home: string): Record<string, string> {
  return { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: home, TMPDIR: home, LANG: 'C.UTF-8' };
}

/**
 * Picks the containment to use: the setting if it works here, or with `auto` the strongest that
 * works. Throws when the asked-for containment (or, with `auto`, any) cannot be had.
 */
export function resolveContainment(setting: ContainmentSetting): Containment {
  if (setting === 'none') return 'none';
  const candidates: Containment[] = setting === 'auto' ? ['uid+bwrap', 'bwrap', 'uid+landlock', 'uid'] : [setting];
  const works = candidates.find(probe);
  if (!works) {
    throw new Error(
      setting === 'auto'
        ? 'no containment for native functions works here (need root with setpriv, or bubblewrap with user namespaces); set FAAS_SANDBOX=none to run them uncontained'
        : `containment ${setting} does not work on this host`,
    );
  }
  return works;
}

/** Tries the containment for real with `true`. */
function probe(containment: Containment): boolean {
  const isRoot = process.getuid?.() === 0;
  if (containment.startsWith('uid') && !isRoot) return false;
  if (containment === 'uid+landlock' && !landlockHelper()) return false;
  const runDir = mkdtempSync(join(tmpdir(), 'minifaas-probe-'));
  try {
    const uid = containment.startsWith('uid') ? allocateRunUid(runDir) : undefined;
    const limits = { memoryLimitMiB: 256, maxProcesses: 64 };
    const command = buildSandboxCommand(containment, { argv: ['/bin/true'], runDir, v8: false, limits }, uid);
    const result = spawnSync(command.file, command.args, { env: command.env, cwd: runDir, timeout: 5000, stdio: 'ignore' });
    return result.status === 0;
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** A fresh uid for one run; the run dir is handed to it. */
export function allocateRunUid(runDir: string): number {
  const uid = UID_BASE + randomInt(UID_RANGE);
  chownSync(runDir, uid, uid);
  return uid;
}

export function buildSandboxCommand(containment: Containment, input: SandboxInput, uid = UID_BASE): SandboxCommand {
  const [program, ...programArgs] = input.argv;
  if (!program) throw new TypeError('argv must name a program');
  const inner = containment.includes('bwrap')
    ? bwrapArgs(input, program, programArgs)
    : containment === 'uid+landlock'
      ? [requireLandlockHelper(), ...landlockArgs(input), '--', program, ...programArgs]
      : [program, ...programArgs];
  const limited = [...rlimitArgs(input), '--', ...inner];
  const home = containment.includes('bwrap') ? SANDBOX_WORKDIR : input.runDir;
  // The platform's variables come last: a function cannot replace PATH or HOME.
  const env = { ...input.env, ...functionEnv(home) };
  switch (containment) {
    case 'uid+bwrap':
    case 'uid+landlock':
    case 'uid':
      return { file: 'setpriv', args: [...setprivArgs(uid), 'prlimit', ...limited], env, cwd: input.runDir, uid };
    case 'bwrap':
      return { file: 'prlimit', args: limited, env, cwd: input.runDir };
    case 'none':
      return { file: program, args: programArgs, env, cwd: input.runDir };
  }
}

function setprivArgs(uid: number): string[] {
  return [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all', '--'];
}

function rlimitArgs(input: SandboxInput): string[] {
  const args = [`--nproc=${input.limits.maxProcesses}`];
  if (!input.v8) args.push(`--as=${input.limits.memoryLimitMiB * 1024 * 1024}`);
  return args;
}

/** Everything unshared; the function sees /usr (read-only), a private /tmp and its run dir. */
function bwrapArgs(input: SandboxInput, program: string, programArgs: string[]): string[] {
  const optional = (path: string) => (existsSync(path) ? ['--ro-bind', path, path] : []);
  return [
    'bwrap',
    '--unshare-all',
    '--die-with-parent',
    '--new-session',
    '--ro-bind', '/usr', '/usr',
    '--symlink', 'usr/lib', '/lib',
    '--symlink', 'usr/lib64', '/lib64',
    '--symlink', 'usr/bin', '/bin',
    '--symlink', 'usr/sbin', '/sbin',
    ...optional('/etc/alternatives'),
    ...optional('/etc/php'),
    '--proc', '/proc',
    '--dev', '/dev',
    '--tmpfs', '/tmp',
    '--bind', input.runDir, SANDBOX_WORKDIR,
    '--chdir', SANDBOX_WORKDIR,
    // No --clearenv/--setenv: the environment bubblewrap inherits is exactly the one built in
    // buildSandboxCommand, and --setenv would put the function's secrets on bwrap's command line.
    '--',
    ...[program, ...programArgs].map((arg) => insideSandbox(arg, input.runDir)),
  ];
}

/** Where the worker image puts minifaas-landlock (apps/worker/Dockerfile). */
const LANDLOCK_WELL_KNOWN = '/usr/local/bin/minifaas-landlock';

/** minifaas-landlock on PATH, or where the image puts it; undefined when there is none. */
export function landlockHelper(pathEnv = process.env['PATH'] ?? ''): string | undefined {
  const dirs = pathEnv.split(':').filter(Boolean);
  const found = dirs.map((dir) => join(dir, 'minifaas-landlock')).find((file) => existsSync(file));
  return found ?? (existsSync(LANDLOCK_WELL_KNOWN) ? LANDLOCK_WELL_KNOWN : undefined);
}

function requireLandlockHelper(): string {
  const helper = landlockHelper();
  if (!helper) throw new Error('uid+landlock needs minifaas-landlock on PATH or at ' + LANDLOCK_WELL_KNOWN);
  return helper;
}

/**
 * What a function may open under Landlock, at the real paths: what bubblewrap would show it
 * (/usr, Debian's alternatives, PHP's ini files, /proc, /dev) and OpenSSL's config read-only, and its run dir,
 * /dev/null and /dev/shm read-write. Landlock also keeps it out of the /proc entries of processes
 * outside the run. /tmp is not among them: TMPDIR is the run dir.
 */
function landlockArgs(input: SandboxInput): string[] {
  // node opens OpenSSL's config at start and stops on EACCES (not on ENOENT, as under bwrap).
  const readOnly = ['/usr', '/etc/alternatives', '/etc/php', '/etc/ssl/openssl.cnf', '/proc', '/dev'];
  const readWrite = ['/dev/null', '/dev/shm', input.runDir];
  // The run is the first thing the kernel kills when the container runs out of memory: a memory
  // cap per process (RLIMIT_AS) does not bound a run of many processes, and the worker must live.
  return [
    '--oom-score-adj', '1000',
    ...readOnly.flatMap((path) => ['--ro', path]),
    ...readWrite.flatMap((path) => ['--rw', path]),
  ];
}

/** A host path under the run dir, as the function sees it inside bubblewrap. */
function insideSandbox(arg: string, runDir: string): string {
  return arg.startsWith(`${runDir}/`) ? `${SANDBOX_WORKDIR}${arg.slice(runDir.length)}` : arg;
}

/**
 * Kills every process left under a run's uid (a daemonised grandchild escapes process groups):
 * `kill -9 -1` as that uid reaches all of its processes but itself, in one system call. The shell's
 * builtin `kill`, because slim images (the worker's among them) carry no procps `kill` binary.
 * Returns false when the kill could not be run at all.
 */
export function killRunUid(uid: number): boolean {
  // Then `ipcrm -a` as that uid: it may remove only what the uid created (SysV shared memory,
  // semaphores and queues outlive their processes, and would carry data to a later run or pin
  // the container's memory). No IPC namespace of its own under `uid` or `uid+landlock`.
  const script = 'kill -9 -1 2>/dev/null; ipcrm -a 2>/dev/null; exit 0';
  const result = spawnSync('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--', '/bin/sh', '-c', script], {
    stdio: 'ignore',
    timeout: 2000,
  });
  return result.status === 0;
}

/**
 * Folders every uid may write to. Under `uid` alone (no bubblewrap, as in a worker container) a
 * run sees the worker's own /tmp and /dev/shm; whatever it leaves there would be readable by later
 * runs of other functions if they were made world-readable, and could fill them for everyone.
 */
const SHARED_WRITABLE_DIRS = [tmpdir(), '/dev/shm'];

/**
 * Removes what a run's uid left at the top of the shared writable folders (its own run dir is
 * removed by the caller). Only the top level: a run cannot write below it, since the folders
 * there belong to other runs (mode 0700) or to root. Call after killRunUid, when nothing of the
 * run is left to create more.
 */
export async function removeRunUidFiles(uid: number, dirs: readonly string[] = SHARED_WRITABLE_DIRS): Promise<void> {
  for (const dir of dirs) {
    const entries = await readdir(dir).catch(() => [] as string[]);
    for (const entry of entries) {
      const path = join(dir, entry);
      const owner = await lstat(path).then((s) => s.uid, () => undefined);
      if (owner === uid) await rm(path, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
