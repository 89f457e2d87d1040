import { FaasError } from '@minifaas/protocol';

import { cRecipe } from './compile-c.js';
import { goRecipe } from './compile-go.js';
import type { CompileRecipe, RecipeContext } from './compile-recipe.js';
import { rustRecipe } from './compile-rust.js';
import { compileSource } from './compile-source.js';
import type { Containment, ContainmentStatus } from './compiler-sandbox.js';
import { detectToolchains } from './detect-toolchains.js';
import { TOOLCHAIN_NAMES } from './install-hints.js';
import { resolveCompilerDriverOptions, type CompilerDriverOptions } from './options.js';
import { resolveContainment } from './resolve-containment.js';
import {
  WASM_LANGUAGE_LIST,
  type CompileResult,
  type ToolchainStatus,
  type WasmLanguage,
} from './types.js';

export interface CompilerDriver {
  /** What each toolchain looks like on this host; probed once, then cached. */
  detect(): Promise<Record<WasmLanguage, ToolchainStatus>>;
  /** How compilers are contained on this host; probed once (also by detect()), then cached. */
  containment(): Promise<ContainmentStatus>;
  /**
   * Compiles one source file to a WASI module whose memory cannot grow past memoryLimitBytes.
   * Throws FaasError TOOLCHAIN_MISSING, SANDBOX_UNAVAILABLE (FAAS_COMPILER_SANDBOX=bwrap on a
   * host where bubblewrap fails) or COMPILE_FAILED (the message holds the compiler's output),
   * and TypeError for a language that is not compiled to wasm.
   */
  compile(lang: WasmLanguage, source: Buffer, options?: CompileOptions): Promise<CompileResult>;
}

/** Per-compile settings that override the driver's. */
export interface CompileOptions {
  /** Memory cap of this module (a per-function limit given at deploy); a multiple of 64 KiB. */
  memoryLimitBytes?: number;
}

const WASM_PAGE_BYTES = 64 * 1024;

const RECIPES: Record<WasmLanguage, (context: RecipeContext) => CompileRecipe> = {
  c: cRecipe,
  rust: rustRecipe,
  go: goRecipe,
};

/** Builds a driver; nothing is probed or spawned until the first call. */
export function createCompilerDriver(options: CompilerDriverOptions = {}): CompilerDriver {
  const resolved = resolveCompilerDriverOptions(options);
  const { logger } = resolved;
  let detection: Promise<Record<WasmLanguage, ToolchainStatus>> | undefined;
  let sandbox: Promise<Containment> | undefined;

  function contained(): Promise<Containment> {
    sandbox ??= resolveContainment(resolved.sandbox, resolved.env, logger);
    return sandbox;
  }

  async function containment(): Promise<ContainmentStatus> {
    const { mode, uid, problem } = await contained();
    return { mode, uid, problem };
  }

  async function detect(): Promise<Record<WasmLanguage, ToolchainStatus>> {
    detection ??= detectToolchains(resolved.env, resolved.cacheDir).then(
      (found) => {
        for (const status of Object.values(found)) logger.debug('toolchain detected', { ...status });
        return found;
      },
      (err: unknown) => {
        detection = undefined; // a surprise failure is not cached: the next call probes again
        throw err;
      },
    );
    // The sandbox is probed alongside, so its verdict is logged when the service starts.
    const [found] = await Promise.all([detection, contained()]);
    return found;
  }

  async function compile(lang: WasmLanguage, source: Buffer, options: CompileOptions = {}): Promise<CompileResult> {
    if (!WASM_LANGUAGE_LIST.includes(lang)) {
      throw new TypeError(
        `compile() takes one of ${WASM_LANGUAGE_LIST.join(', ')}, got ${String(lang)}`,
      );
    }
    const memoryLimitBytes = options.memoryLimitBytes ?? resolved.memoryLimitBytes;
    if (!Number.isInteger(memoryLimitBytes) || memoryLimitBytes <= 0 || memoryLimitBytes % WASM_PAGE_BYTES !== 0) {
      throw new TypeError(`memoryLimitBytes must be a positive multiple of 64 KiB, got ${memoryLimitBytes}`);
    }
    const toolchain = (await detect())[lang];
    if (!toolchain.available) {
      const message =
        `The ${TOOLCHAIN_NAMES[lang]} is not available on this server: ${toolchain.problem}. ` +
        toolchain.installHint;
      throw new FaasError('TOOLCHAIN_MISSING', message, { details: { lang } });
    }
    const sandbox = await contained();
    if (sandbox.mode === 'unavailable') throw sandboxUnavailable(sandbox, resolved.sandbox);
    try {
      const settings = { ...resolved, memoryLimitBytes, containment: sandbox };
      const result = await compileSource(toolchain, RECIPES[lang], source, settings);
      logger.debug('compile finished', {
        lang,
        durationMs: result.durationMs,
        wasmBytes: result.wasm.length,
      });
      return result;
    } catch (err) {
      logger.debug('compile failed', {
        lang,
        code: err instanceof FaasError ? err.code : 'INTERNAL',
      });
      throw err;
    }
  }

  return { detect, containment, compile };
}

function sandboxUnavailable(sandbox: Containment, setting: string): FaasError {
  const message =
    setting === 'landlock'
      ? `Compilers must run under Landlock here (FAAS_COMPILER_SANDBOX=landlock), but it does not work: ` +
        `${sandbox.problem}. Install minifaas-landlock on a kernel with Landlock (5.13+), or set ` +
        'FAAS_COMPILER_SANDBOX=auto.'
      : `Compilers must run in bubblewrap here (FAAS_COMPILER_SANDBOX=bwrap), but it does not work: ` +
        `${sandbox.problem}. Install bubblewrap and allow user namespaces (or run as root), or set ` +
        'FAAS_COMPILER_SANDBOX=auto to fall back to Landlock or rlimits only.';
  return new FaasError('SANDBOX_UNAVAILABLE', message);
}
