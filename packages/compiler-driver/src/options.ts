import os from 'node:os';
import path from 'node:path';

import { silentLogger, type Logger } from '@minifaas/logger';

import { MAX_WASM32_PAGES, WASM_PAGE_BYTES } from './wasm-memory-limit.js';

/**
 * How compilers are contained: `auto` uses bubblewrap where it works, else Landlock
 * (minifaas-landlock), else rlimits alone; `bwrap` and `landlock` insist on that one; `none`
 * runs them as plain child processes.
 */
export type CompilerSandboxSetting = 'auto' | 'bwrap' | 'landlock' | 'none';

export const SANDBOX_SETTINGS: readonly CompilerSandboxSetting[] = ['auto', 'bwrap', 'landlock', 'none'];

export interface CompilerDriverOptions {
  /**
   * Where FAAS_CLANG, FAAS_RUSTC, FAAS_GO, FAAS_BWRAP, FAAS_COMPILER_SANDBOX, PATH and HOME are
   * read; defaults to process.env.
   */
  env?: Record<string, string | undefined>;
  /** Persistent build cache (Go's GOCACHE lives here); defaults to ~/.cache/minifaas. */
  cacheDir?: string;
  /** A compile running longer is killed; default 60 000. */
  timeoutMs?: number;
  /** Max linear memory of every built module; a multiple of 64 KiB, default 128 MiB. */
  memoryLimitBytes?: number;
  /** Containment of the compilers; default FAAS_COMPILER_SANDBOX, else `auto`. */
  sandbox?: CompilerSandboxSetting;
  /** Memory of each compiler process (address space; see README), default 2048. */
  compilerMemoryLimitMiB?: number;
  /** Processes and threads the compilers may have at once, default 256. */
  compilerMaxProcesses?: number;
  logger?: Logger;
}

export interface ResolvedCompilerDriverOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cacheDir: string;
  readonly timeoutMs: number;
  readonly memoryLimitBytes: number;
  readonly sandbox: CompilerSandboxSetting;
  readonly compilerMemoryLimitMiB: number;
  readonly compilerMaxProcesses: number;
  readonly logger: Logger;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MEMORY_LIMIT_BYTES = 128 * 2 ** 20;
/**
 * Far above what a function-sized source needs; the floor is the compilers' own start-up
 * (rustc 1.63 needs 512–640 MiB for an empty main, clang 14 fits in 256 MiB).
 */
const DEFAULT_COMPILER_MEMORY_LIMIT_MIB = 2048;
/** Threads count too (RLIMIT_NPROC): go build runs a compile per core, each with many threads. */
const DEFAULT_COMPILER_MAX_PROCESSES = 256;

/** Fills every default in one place; throws TypeError for values no compile could honour. */
export function resolveCompilerDriverOptions(
  options: CompilerDriverOptions = {},
): ResolvedCompilerDriverOptions {
  const env = Object.freeze({ ...(options.env ?? process.env) });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryLimitBytes = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES;
  const compilerMemoryLimitMiB =
    options.compilerMemoryLimitMiB ?? DEFAULT_COMPILER_MEMORY_LIMIT_MIB;
  const compilerMaxProcesses = options.compilerMaxProcesses ?? DEFAULT_COMPILER_MAX_PROCESSES;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  checkMemoryLimit(memoryLimitBytes);
  checkPositiveInteger('compilerMemoryLimitMiB', compilerMemoryLimitMiB);
  checkPositiveInteger('compilerMaxProcesses', compilerMaxProcesses);
  return Object.freeze({
    env,
    cacheDir: path.resolve(options.cacheDir ?? defaultCacheDir(env)),
    timeoutMs,
    memoryLimitBytes,
    sandbox: sandboxSetting(options.sandbox, env),
    compilerMemoryLimitMiB,
    compilerMaxProcesses,
    logger: options.logger ?? silentLogger(),
  });
}

function sandboxSetting(
  option: CompilerSandboxSetting | undefined,
  env: Readonly<Record<string, string | undefined>>,
): CompilerSandboxSetting {
  const [name, value] =
    option === undefined
      ? ['FAAS_COMPILER_SANDBOX', env.FAAS_COMPILER_SANDBOX || 'auto']
      : ['sandbox', option];
  if (!(SANDBOX_SETTINGS as readonly string[]).includes(value)) {
    throw new TypeError(`${name} must be one of ${SANDBOX_SETTINGS.join(', ')}, got ${value}`);
  }
  return value as CompilerSandboxSetting;
}

function checkMemoryLimit(bytes: number): void {
  const pages = bytes / WASM_PAGE_BYTES;
  if (!Number.isInteger(pages) || pages < 1 || pages > MAX_WASM32_PAGES) {
    throw new TypeError(
      'memoryLimitBytes must be a multiple of 65536 (one wasm page) from 64 KiB to 4 GiB, ' +
        `got ${bytes}`,
    );
  }
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`${name} must be a positive integer, got ${value}`);
  }
}

/** A per-user cache, like Go's own ~/.cache/go-build; a shared /tmp path could be poisoned. */
function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'minifaas', 'compiler-driver');
}
