import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

import type { Workspace } from './compile-workspace.js';

export interface BwrapInput {
  workspace: Pick<Workspace, 'srcDir' | 'scratchDir' | 'cacheDir'>;
  /** The compiler's environment, paths already as it sees them. */
  env: Record<string, string>;
  /** The compiler binary; its toolchain dir is mounted when it lies outside /usr. */
  toolchainCommand: string;
  /** bwrap runs as root and a setpriv inside switches to the compile uid. */
  switchesUid: boolean;
}

/** Where the compile's directories appear inside bubblewrap: messages read `main.c:4:19`. */
export const SANDBOX_PATHS = { srcDir: '/src', scratchDir: '/tmp', cacheDir: '/cache' } as const;

/** Top-level dirs that merged-/usr systems make symlinks into /usr, and older ones real dirs. */
const SYSTEM_DIRS = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
/**
 * The only files of /etc a compiler gets: the loader's cache, and the symlinks of Debian's
 * alternatives system (/usr/bin/cc and friends point through it). Found with strace on clang 14,
 * rustc 1.63 and go 1.23; nothing else of /etc is opened.
 */
const ETC_FILES = ['/etc/ld.so.cache', '/etc/alternatives'];

/**
 * bubblewrap's arguments (before `--` and the command): every namespace unshared, / an empty
 * tmpfs holding read-only /usr and toolchain, and the compile's source dir, scratch dir and build
 * cache read-write at fixed paths. Nothing else of the host is visible.
 */
export function bwrapArgs(input: BwrapInput): string[] {
  const { workspace, env } = input;
  // prettier-ignore
  return [
    ...namespaceArgs(input.switchesUid),
    '--die-with-parent', // the timeout kills bwrap; the sandbox goes with it
    '--new-session', // no ioctl(TIOCSTI) into a terminal
    '--ro-bind', '/usr', '/usr',
    ...SYSTEM_DIRS.flatMap(systemDirArgs),
    ...openDirs(['/etc']),
    ...ETC_FILES.flatMap((file) => ['--ro-bind-try', file, file]),
    '--proc', '/proc',
    '--dev', '/dev',
    '--bind', workspace.scratchDir, SANDBOX_PATHS.scratchDir,
    '--bind', workspace.srcDir, SANDBOX_PATHS.srcDir,
    '--bind', workspace.cacheDir, SANDBOX_PATHS.cacheDir,
    // Last, so that a toolchain under /tmp is not hidden by the scratch dir mounted there.
    ...toolchainDirs(input.toolchainCommand).flatMap((dir) => [
      ...openDirs(ancestors(dir)),
      '--ro-bind', dir, dir,
    ]),
    '--chdir', SANDBOX_PATHS.srcDir,
    '--clearenv',
    ...Object.entries(env).flatMap(([name, value]) => ['--setenv', name, value]),
  ];
}

/**
 * minifaas-landlock's arguments (before `--` and the command): the same view as bubblewrap's,
 * given as paths the compiler may open, at their real places. /proc is readable, but Landlock
 * keeps the compiler from reading /proc/PID/environ or memory of processes outside its domain.
 */
export function landlockArgs(workspace: BwrapInput['workspace'], toolchainCommand: string): string[] {
  const readOnly = ['/usr', ...SYSTEM_DIRS, ...ETC_FILES, '/proc', '/dev', ...toolchainDirs(toolchainCommand)];
  const readWrite = ['/dev/null', workspace.srcDir, workspace.scratchDir, workspace.cacheDir];
  // A compile that fills the container's memory is what the kernel kills, not the gateway.
  return ['--oom-score-adj', '1000', ...readOnly.flatMap((dir) => ['--ro', dir]), ...readWrite.flatMap((dir) => ['--rw', dir])];
}

/**
 * As root, bwrap needs no user namespace, and one would stop the setpriv inside from switching
 * uid (only root is mapped in it); it keeps just the two capabilities setpriv uses, which vanish
 * with the switch. As another user, the user namespace is what lets bwrap mount at all.
 */
function namespaceArgs(switchesUid: boolean): string[] {
  const unshared = ['--unshare-ipc', '--unshare-pid', '--unshare-net', '--unshare-uts'];
  unshared.push('--unshare-cgroup-try');
  if (!switchesUid) return ['--unshare-user', ...unshared];
  return [...unshared, '--cap-add', 'CAP_SETUID', '--cap-add', 'CAP_SETGID'];
}

function systemDirArgs(dir: string): string[] {
  try {
    if (lstatSync(dir).isSymbolicLink()) return ['--symlink', readlinkSync(dir), dir];
    return ['--ro-bind', dir, dir];
  } catch {
    return []; // this system has no such dir
  }
}

/**
 * Privileged bwrap creates missing parent dirs with mode 0700, which the compile uid could not
 * enter; these are made first, world-searchable (they hold only what is mounted in them).
 */
function openDirs(dirs: readonly string[]): string[] {
  return dirs.flatMap((dir) => ['--perms', '0755', '--dir', dir]);
}

/** /a/b/c → /a, /a/b */
function ancestors(dir: string): string[] {
  const parts = dir.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}

/**
 * The dirs a toolchain outside /usr lives in: the one above the real binary's bin/ (a rustup
 * toolchain, /usr/local/go, /opt/wasi-sdk), and the dir of the command as named when that is a
 * symlink elsewhere. A bin/ right in a home dir (~/bin/clang) gives only that bin/, never the
 * home dir. Under /usr, nothing more is needed.
 */
export function toolchainDirs(command: string): string[] {
  let real: string;
  try {
    real = realpathSync(command);
  } catch {
    real = command; // vanished since detection; the compile reports TOOLCHAIN_MISSING
  }
  const named = new Set([toolchainRoot(real), path.dirname(command)]);
  const dirs = [...named].filter((dir) => !isUnder(dir, '/usr'));
  return dirs.filter((dir) => !dirs.some((other) => other !== dir && isUnder(dir, other)));
}

function toolchainRoot(binary: string): string {
  const binDir = path.dirname(binary);
  const root = path.dirname(binDir);
  const isHome = /^\/(root|home\/[^/]+)$/.test(root);
  const deepEnough = root.split('/').filter(Boolean).length >= 2;
  return path.basename(binDir) === 'bin' && deepEnough && !isHome ? root : binDir;
}

function isUnder(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(`${root}/`);
}
