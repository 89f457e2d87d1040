import { SANDBOX_PATHS, bwrapArgs, landlockArgs } from './bwrap-args.js';
import type { Workspace } from './compile-workspace.js';
import type { CompilerInvocation } from './run-compiler.js';

/**
 * How compilers run on this host, strongest first:
 * - `bwrap`: bubblewrap with its own mount, pid, network, ipc and uts namespaces. The compiler
 *   sees /usr, its toolchain and its own three directories, nothing else; rlimits inside.
 * - `landlock`: the kernel's Landlock LSM through our small `minifaas-landlock` (no namespaces
 *   needed, so it works in a default Docker container): the compiler may open only what bubblewrap
 *   would show it (/usr, the toolchain, its own three directories) and cannot read other
 *   processes' /proc/PID/environ; rlimits inside. The network stays reachable.
 * - `rlimits`: only the address-space and process-count limits (and, as root, another uid).
 *   What `auto` falls back to where bubblewrap cannot create namespaces (a default Docker
 *   container); the compiler can read whatever its uid can read.
 * - `none`: a plain child process, as asked for with FAAS_COMPILER_SANDBOX=none.
 * - `unavailable`: `bwrap` was asked for and does not work here; compiles fail.
 */
export type ContainmentMode = 'bwrap' | 'landlock' | 'rlimits' | 'none' | 'unavailable';

export interface ContainmentStatus {
  mode: ContainmentMode;
  /** The unprivileged uid compilers run as; only when this service runs as root. */
  uid?: number;
  /** Why bubblewrap is not used, when it is not. */
  problem?: string;
}

/** A status plus the absolute paths of the tools it runs. */
export interface Containment extends ContainmentStatus {
  tools: SandboxTools;
}

export interface SandboxTools {
  bwrap?: string;
  landlock?: string;
  setpriv?: string;
  prlimit?: string;
}

export interface SandboxLimits {
  /** RLIMIT_AS of each compiler process. */
  addressSpaceMiB: number;
  /** RLIMIT_NPROC: processes and threads of the compile's uid. */
  maxProcesses: number;
}

export interface SandboxRequest {
  command: string;
  args: readonly string[];
  /** The compiler's whole environment, with paths as the compiler sees them. */
  env: Record<string, string>;
  workspace: Workspace;
  /** Switch to this uid (as root only); undefined keeps this service's uid. */
  uid: number | undefined;
  limits: SandboxLimits;
}

export type CompilerView = Pick<Workspace, 'srcDir' | 'scratchDir' | 'cacheDir'>;

/** The compile's directories as the compiler sees them. */
export function compilerView(mode: ContainmentMode, workspace: Workspace): CompilerView {
  return mode === 'bwrap' ? SANDBOX_PATHS : workspace;
}

/**
 * Wraps a compiler invocation in the containment: bubblewrap, then (as root) setpriv to the
 * compile uid, then prlimit, then the compiler. Throws TypeError for `unavailable`, which the
 * driver turns away before any compile.
 */
export function sandboxCompilerInvocation(
  containment: Containment,
  request: SandboxRequest,
): CompilerInvocation {
  const { command, args, env, workspace } = request;
  const cwd = workspace.srcDir;
  switch (containment.mode) {
    case 'none':
      return { command, args, cwd, env };
    case 'rlimits': {
      const [file, ...rest] = limitedCommand(containment.tools, request);
      return { command: file as string, args: rest, cwd, env };
    }
    case 'landlock': {
      const landlock = requireTool(containment.tools, 'landlock');
      const inside = limitedCommand(containment.tools, request);
      return { command: landlock, args: [...landlockArgs(workspace, command), '--', ...inside], cwd, env };
    }
    case 'bwrap': {
      const bwrap = requireTool(containment.tools, 'bwrap');
      const inside = limitedCommand(containment.tools, request);
      const sandbox = bwrapArgs({
        workspace,
        env,
        toolchainCommand: command,
        switchesUid: request.uid !== undefined,
      });
      // bwrap itself needs nothing from the environment; the compiler's comes from --setenv.
      return { command: bwrap, args: [...sandbox, '--', ...inside], cwd, env: {} };
    }
    case 'unavailable':
      throw new TypeError(
        `no compile may run while the sandbox is unavailable: ${containment.problem}`,
      );
  }
}

/** [setpriv …] prlimit … -- command args: the uid switch first, so the limits bind that uid. */
function limitedCommand(tools: SandboxTools, request: SandboxRequest): string[] {
  const { addressSpaceMiB, maxProcesses } = request.limits;
  const prlimit = [
    requireTool(tools, 'prlimit'),
    `--as=${addressSpaceMiB * 2 ** 20}`,
    `--nproc=${maxProcesses}`,
    '--core=0', // a crashing compiler's memory stays out of core files and crash collectors
    '--',
    request.command,
    ...request.args,
  ];
  if (request.uid === undefined) return prlimit;
  return [requireTool(tools, 'setpriv'), ...setprivArgs(request.uid), '--', ...prlimit];
}

export function setprivArgs(uid: number): string[] {
  return [
    `--reuid=${uid}`,
    `--regid=${uid}`,
    '--clear-groups',
    '--inh-caps=-all',
    '--no-new-privs',
  ];
}

function requireTool(tools: SandboxTools, name: keyof SandboxTools): string {
  const tool = tools[name];
  if (!tool) throw new TypeError(`the containment has no ${name}`);
  return tool;
}
