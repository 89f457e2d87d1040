import { FaasError } from '@minifaas/protocol';

import { cRecipe } from './compile-c.js';
import { goRecipe } from './compile-go.js';
import type { CompileRecipe, RecipeContext } from './compile-recipe.js';
import { rustRecipe } from './compile-rust.js';
import { compileSource } from './compile-source.js';
import { detectToolchains } from './detect-toolchains.js';
import { TOOLCHAIN_NAMES } from './install-hints.js';
import { resolveCompilerDriverOptions, type CompilerDriverOptions } from './options.js';
import {
  WASM_LANGUAGE_LIST,
  type CompileResult,
  type ToolchainStatus,
  type WasmLanguage,
} from './types.js';

export interface CompilerDriver {
  /** What each toolchain looks like on this host; probed once, then cached. */
  detect(): Promise<Record<WasmLanguage, ToolchainStatus>>;
  /**
   * Compiles one source file to a WASI module whose memory cannot grow past memoryLimitBytes.
   * Throws FaasError TOOLCHAIN_MISSING or COMPILE_FAILED (the message holds the compiler's
   * output), and TypeError for a language that is not compiled to wasm.
   */
  compile(lang: WasmLanguage, source: Buffer): Promise<CompileResult>;
}

const RECIPES: Record<WasmLanguage, (context: RecipeContext) => CompileRecipe> = {
  c: cRecipe,
  rust: rustRecipe,
  go: goRecipe,
};

/** Builds a driver; nothing is probed or spawned until the first detect() or compile(). */
export function createCompilerDriver(options: CompilerDriverOptions = {}): CompilerDriver {
  const resolved = resolveCompilerDriverOptions(options);
  const { logger } = resolved;
  let detection: Promise<Record<WasmLanguage, ToolchainStatus>> | undefined;

  function detect(): Promise<Record<WasmLanguage, ToolchainStatus>> {
    detection ??= detectToolchains(resolved.env, resolved.cacheDir).then(
      (found) => {
        for (const status of Object.values(found)) logger.info('toolchain detected', { ...status });
        return found;
      },
      (err: unknown) => {
        detection = undefined; // a surprise failure is not cached: the next call probes again
        throw err;
      },
    );
    return detection;
  }

  async function compile(lang: WasmLanguage, source: Buffer): Promise<CompileResult> {
    if (!WASM_LANGUAGE_LIST.includes(lang)) {
      throw new TypeError(
        `compile() takes one of ${WASM_LANGUAGE_LIST.join(', ')}, got ${String(lang)}`,
      );
    }
    const toolchain = (await detect())[lang];
    if (!toolchain.available) {
      const message =
        `The ${TOOLCHAIN_NAMES[lang]} is not available on this server: ${toolchain.problem}. ` +
        toolchain.installHint;
      throw new FaasError('TOOLCHAIN_MISSING', message, { details: { lang } });
    }
    const recipe = RECIPES[lang]({ toolchain, ...resolved });
    try {
      const result = await compileSource(toolchain, recipe, source, resolved);
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

  return { detect, compile };
}
