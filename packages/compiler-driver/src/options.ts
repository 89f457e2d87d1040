import os from 'node:os';
import path from 'node:path';

import { silentLogger, type Logger } from '@minifaas/logger';

import { MAX_WASM32_PAGES, WASM_PAGE_BYTES } from './wasm-memory-limit.js';

export interface CompilerDriverOptions {
  /** Where FAAS_CLANG, FAAS_RUSTC, FAAS_GO, PATH and HOME are read; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Persistent build cache (Go's GOCACHE lives here); defaults to ~/.cache/minifaas. */
  cacheDir?: string;
  /** A compile running longer is killed; default 60 000. */
  timeoutMs?: number;
  /** Max linear memory of every built module; a multiple of 64 KiB, default 128 MiB. */
  memoryLimitBytes?: number;
  logger?: Logger;
}

export interface ResolvedCompilerDriverOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cacheDir: string;
  readonly timeoutMs: number;
  readonly memoryLimitBytes: number;
  readonly logger: Logger;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MEMORY_LIMIT_BYTES = 128 * 2 ** 20;

/** Fills every default in one place; throws TypeError for values no compile could honour. */
export function resolveCompilerDriverOptions(
  options: CompilerDriverOptions = {},
): ResolvedCompilerDriverOptions {
  const env = Object.freeze({ ...(options.env ?? process.env) });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryLimitBytes = options.memoryLimitBytes ?? DEFAULT_MEMORY_LIMIT_BYTES;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  checkMemoryLimit(memoryLimitBytes);
  return Object.freeze({
    env,
    cacheDir: path.resolve(options.cacheDir ?? defaultCacheDir(env)),
    timeoutMs,
    memoryLimitBytes,
    logger: options.logger ?? silentLogger(),
  });
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

/** A per-user cache, like Go's own ~/.cache/go-build; a shared /tmp path could be poisoned. */
function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'minifaas', 'compiler-driver');
}
