import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Logger } from '@minifaas/logger';
import { FaasError } from '@minifaas/protocol';

import type { CompileRecipe } from './compile-recipe.js';
import { compilerEnv } from './compiler-env.js';
import { sandboxCompilerInvocation } from './compiler-sandbox.js';
import { TOOLCHAIN_NAMES } from './install-hints.js';
import { runCompiler, type CompilerRun } from './run-compiler.js';
import { scrubHostPaths, type HostPaths } from './scrub-host-paths.js';
import type { CompileResult, ToolchainStatus } from './types.js';
import { MemoryLimitError, WASM_PAGE_BYTES, capMemoryMaximum } from './wasm-memory-limit.js';

export interface CompileSettings {
  timeoutMs: number;
  memoryLimitBytes: number;
  cacheDir: string;
  logger: Logger;
}

/** Enough for every error a compiler prints about a function-sized source. */
const MAX_OUTPUT_BYTES = 64 * 1024;
const LANGUAGE_NAMES = { c: 'C', rust: 'Rust', go: 'Go' } as const;

/**
 * Builds one source in a fresh temp dir, always removed afterwards. Throws FaasError
 * COMPILE_FAILED (compiler error, timeout, module over the memory limit), TOOLCHAIN_MISSING
 * (the binary vanished since detection) or INTERNAL (the compiler produced no valid module).
 */
export async function compileSource(
  toolchain: ToolchainStatus,
  recipe: CompileRecipe,
  source: Buffer,
  settings: CompileSettings,
): Promise<CompileResult> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'minifaas-compile-'));
  try {
    return await compileIn(tempDir, toolchain, recipe, source, settings);
  } finally {
    // A failed cleanup leaks a dir but must not turn a finished compile into an error.
    await rm(tempDir, { recursive: true, force: true, maxRetries: 3 }).catch((err: unknown) => {
      settings.logger.warn('compile temp dir not removed', { tempDir, error: String(err) });
    });
  }
}

async function compileIn(
  tempDir: string,
  toolchain: ToolchainStatus,
  recipe: CompileRecipe,
  source: Buffer,
  settings: CompileSettings,
): Promise<CompileResult> {
  const command = toolchain.command ?? '';
  const hostPaths: HostPaths = {
    tempDirs: [tempDir, await realpath(tempDir)],
    cacheDir: settings.cacheDir,
    tmpRoots: [os.tmpdir(), '/tmp'],
  };

  // 1. Lay out the source and the caches.
  await writeFile(path.join(tempDir, recipe.sourceName), source);
  await recipe.prepare?.();

  // 2. Run the compiler.
  const env = compilerEnv(command, tempDir, recipe.env);
  const invocation = sandboxCompilerInvocation({ command, args: recipe.args, cwd: tempDir, env });
  const limits = { timeoutMs: settings.timeoutMs, maxOutputBytes: MAX_OUTPUT_BYTES };
  const run = await runCompiler(invocation, limits).catch((err: unknown) => {
    throw vanishedToolchain(toolchain, err);
  });
  const compilerOutput = scrubHostPaths(run.output, hostPaths).trim();
  if (run.timedOut) throw timedOut(toolchain, settings.timeoutMs, compilerOutput);
  if (run.exitCode !== 0) throw compileFailed(toolchain, recipe, run, compilerOutput);

  // 3. Take the module and cap its memory.
  const built = await readFile(path.join(tempDir, recipe.outputName)).catch((err: unknown) => {
    const message = `${path.basename(command)} exited 0 but wrote no ${recipe.outputName}`;
    throw new FaasError('INTERNAL', message, { cause: err, details: { compilerOutput } });
  });
  const wasm = capMemory(built, settings.memoryLimitBytes, toolchain);
  return { wasm, durationMs: run.durationMs, toolchain, warnings: compilerOutput };
}

function capMemory(built: Buffer, memoryLimitBytes: number, toolchain: ToolchainStatus): Buffer {
  try {
    return capMemoryMaximum(built, memoryLimitBytes / WASM_PAGE_BYTES);
  } catch (err) {
    const lang = LANGUAGE_NAMES[toolchain.lang];
    if (err instanceof MemoryLimitError) {
      const message = `The ${lang} program compiled, but ${err.message}; reduce its static data.`;
      throw new FaasError('COMPILE_FAILED', message, {
        cause: err,
        details: { compilerOutput: '' },
      });
    }
    const message = `the ${lang} compiler produced a module minifaas cannot read: ${String(err)}`;
    throw new FaasError('INTERNAL', message, { cause: err });
  }
}

function compileFailed(
  toolchain: ToolchainStatus,
  recipe: CompileRecipe,
  run: CompilerRun,
  compilerOutput: string,
): FaasError {
  const compiler = path.basename(toolchain.command ?? 'compiler');
  const how = run.signal ? `was killed by ${run.signal}` : `exited with code ${run.exitCode}`;
  const printed = compilerOutput || '(the compiler printed nothing)';
  const message = `${recipe.sourceName} did not compile (${compiler} ${how}):\n${printed}`;
  return new FaasError('COMPILE_FAILED', message, { details: { compilerOutput } });
}

function timedOut(
  toolchain: ToolchainStatus,
  timeoutMs: number,
  compilerOutput: string,
): FaasError {
  const lang = LANGUAGE_NAMES[toolchain.lang];
  const seconds = Math.round(timeoutMs / 100) / 10;
  const message =
    `The ${lang} compile timed out after ${seconds} s and was stopped; ` +
    'simplify the source, or retry if the server was busy.' +
    (compilerOutput ? `\n${compilerOutput}` : '');
  return new FaasError('COMPILE_FAILED', message, { details: { compilerOutput, timedOut: true } });
}

function vanishedToolchain(toolchain: ToolchainStatus, err: unknown): FaasError {
  const message =
    `The ${TOOLCHAIN_NAMES[toolchain.lang]} could not be started from ${toolchain.command}: ` +
    `${err instanceof Error ? err.message : String(err)}. ${toolchain.installHint}`;
  return new FaasError('TOOLCHAIN_MISSING', message, { cause: err });
}
