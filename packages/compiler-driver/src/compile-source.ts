import { realpathSync } from 'node:fs';
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Logger } from '@minifaas/logger';
import { FaasError } from '@minifaas/protocol';

import type { CompileRecipe, RecipeContext } from './compile-recipe.js';
import { layoutWorkspace, prepareCache, reachableBy, type Workspace } from './compile-workspace.js';
import { compilerEnv } from './compiler-env.js';
import {
  compilerView,
  sandboxCompilerInvocation,
  type CompilerView,
  type Containment,
} from './compiler-sandbox.js';
import { threadsOwnedBy } from './count-threads.js';
import { isExecutable } from './find-executables.js';
import { TOOLCHAIN_NAMES } from './install-hints.js';
import { runCompiler, type CompilerRun } from './run-compiler.js';
import { scrubHostPaths, type HostPaths } from './scrub-host-paths.js';
import type { CompileResult, ToolchainStatus } from './types.js';
import { MemoryLimitError, WASM_PAGE_BYTES, capMemoryMaximum } from './wasm-memory-limit.js';

export interface CompileSettings {
  timeoutMs: number;
  memoryLimitBytes: number;
  compilerMemoryLimitMiB: number;
  compilerMaxProcesses: number;
  cacheDir: string;
  logger: Logger;
  containment: Containment;
}

/** Enough for every error a compiler prints about a function-sized source. */
const MAX_OUTPUT_BYTES = 64 * 1024;
const LANGUAGE_NAMES = { c: 'C', rust: 'Rust', go: 'Go' } as const;
/**
 * How clang, rustc (its own allocator, const evaluation, and LLVM's bad_alloc crossing its
 * frames), go and the loader say that an allocation or a mapping failed.
 */
const OUT_OF_MEMORY = new RegExp(
  [
    'LLVM ERROR: out of memory',
    'std::bad_alloc',
    'memory allocation of \\d+ bytes failed',
    'more memory than available to compiler',
    'Rust cannot catch foreign exceptions',
    'fatal error: (runtime: )?out of memory',
    'runtime: cannot reserve arena',
    'failed to map segment from shared object',
    'cannot allocate memory',
  ].join('|'),
  'i',
);

/**
 * Builds one source in a fresh temp dir, contained as `settings.containment` says, and always
 * removes the dir afterwards. Throws FaasError COMPILE_FAILED (compiler error, timeout, compiler
 * memory limit, module over the memory limit), TOOLCHAIN_MISSING (the binary vanished since
 * detection) or INTERNAL (the compiler produced no valid module).
 */
export async function compileSource(
  toolchain: ToolchainStatus,
  makeRecipe: (context: RecipeContext) => CompileRecipe,
  source: Buffer,
  settings: CompileSettings,
): Promise<CompileResult> {
  const command = toolchain.command ?? '';
  if (!(await isExecutable(command))) {
    throw vanishedToolchain(toolchain, new Error('the file is gone or no longer executable'));
  }
  const uid = compileUid(command, settings);
  const root = await mkdtemp(path.join(os.tmpdir(), 'minifaas-compile-'));
  try {
    const workspace = await layoutWorkspace(root, settings.cacheDir, uid);
    return await compileIn(workspace, uid, toolchain, makeRecipe, source, settings);
  } finally {
    // A failed cleanup leaks a dir but must not turn a finished compile into an error.
    await rm(root, { recursive: true, force: true, maxRetries: 3 }).catch((err: unknown) => {
      settings.logger.warn('compile temp dir not removed', { tempDir: root, error: String(err) });
    });
  }
}

/**
 * The uid to compile as. Inside bubblewrap the mounts make every path reachable; with rlimits
 * alone the uid must reach the compiler, the temp dir and the cache by itself, or the compile
 * runs as this service's user.
 */
function compileUid(command: string, settings: CompileSettings): number | undefined {
  const { mode, uid } = settings.containment;
  if (uid === undefined || mode === 'bwrap') return uid;
  const targets = [
    realpathSync(command),
    path.join(os.tmpdir(), 'x'),
    path.join(settings.cacheDir, 'x'),
  ];
  const unreachable = targets.find((target) => !reachableBy(uid, target));
  if (unreachable === undefined) return uid;
  settings.logger.warn('compile runs as the service user', { uid, unreachable });
  return undefined;
}

/**
 * Threads already counted against the compile's RLIMIT_NPROC. Without bubblewrap's user
 * namespace or a uid of its own, the limit counts everything this service's user runs, so the
 * compile's budget comes on top of that.
 */
function sharedThreads(containment: Containment, uid: number | undefined): number {
  const ownUid = process.getuid?.();
  const sharesUser = containment.mode === 'rlimits' || containment.mode === 'landlock';
  if (!sharesUser || uid !== undefined || ownUid === undefined) return 0;
  return threadsOwnedBy(ownUid);
}

async function compileIn(
  workspace: Workspace,
  uid: number | undefined,
  toolchain: ToolchainStatus,
  makeRecipe: (context: RecipeContext) => CompileRecipe,
  source: Buffer,
  settings: CompileSettings,
): Promise<CompileResult> {
  const command = toolchain.command ?? '';
  const { containment, compilerMemoryLimitMiB } = settings;
  const view = compilerView(containment.mode, workspace);
  const recipe = makeRecipe({ ...settings, toolchain, cacheDir: view.cacheDir });

  // 1. Lay out the source and the caches.
  await writeFile(path.join(workspace.srcDir, recipe.sourceName), source);
  await prepareCache(workspace.cacheDir, recipe.cache, uid);

  // 2. Run the compiler, contained.
  const env = compilerEnv(command, view.scratchDir, recipe.env);
  const limits = {
    addressSpaceMiB: compilerMemoryLimitMiB + (recipe.addressSpaceReserveMiB ?? 0),
    maxProcesses: settings.compilerMaxProcesses + sharedThreads(containment, uid),
  };
  const request = { command, args: recipe.args, env, workspace, uid, limits };
  const invocation = sandboxCompilerInvocation(containment, request);
  const runLimits = { timeoutMs: settings.timeoutMs, maxOutputBytes: MAX_OUTPUT_BYTES };
  const run = await runCompiler(invocation, runLimits).catch((err: unknown) => {
    throw vanishedToolchain(toolchain, err);
  });
  const hostPaths = await hostPathsOf(workspace, view, settings.cacheDir);
  const compilerOutput = scrubHostPaths(run.output, hostPaths).trim();
  if (run.timedOut) throw timedOut(toolchain, settings.timeoutMs, compilerOutput);
  if (run.exitCode !== 0) {
    const memoryLimitMiB = containment.mode === 'none' ? undefined : compilerMemoryLimitMiB;
    throw compileFailed(toolchain, recipe, run, compilerOutput, memoryLimitMiB);
  }

  // 3. Take the module and cap its memory.
  const built = await readFile(path.join(workspace.srcDir, recipe.outputName)).catch(
    (err: unknown) => {
      const message = `${path.basename(command)} exited 0 but wrote no ${recipe.outputName}`;
      throw new FaasError('INTERNAL', message, { cause: err, details: { compilerOutput } });
    },
  );
  const wasm = capMemory(built, settings.memoryLimitBytes, toolchain);
  return { wasm, durationMs: run.durationMs, toolchain, warnings: compilerOutput };
}

/** Every name the compile's dirs can have in a message: on the host, resolved, in the sandbox. */
async function hostPathsOf(
  workspace: Workspace,
  view: CompilerView,
  cacheDir: string,
): Promise<HostPaths> {
  const resolved = (dir: string) => realpath(dir).catch(() => dir);
  return {
    tempDirs: [workspace.srcDir, await resolved(workspace.srcDir), view.srcDir],
    cacheDirs: [workspace.cacheDir, cacheDir, view.cacheDir],
    tmpRoots: [
      os.tmpdir(),
      '/tmp',
      workspace.scratchDir,
      await resolved(workspace.scratchDir),
      view.scratchDir,
    ],
  };
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
  memoryLimitMiB: number | undefined,
): FaasError {
  const compiler = path.basename(toolchain.command ?? 'compiler');
  const how = run.signal ? `was killed by ${run.signal}` : `exited with code ${run.exitCode}`;
  const printed = compilerOutput || '(the compiler printed nothing)';
  if (memoryLimitMiB !== undefined && OUT_OF_MEMORY.test(compilerOutput)) {
    const message =
      `${recipe.sourceName} did not compile: ${compiler} ran out of memory at the compiler ` +
      `limit of ${memoryLimitMiB} MiB (${how}); simplify the source, such as its large ` +
      `initialisers or macro expansions:\n${printed}`;
    return new FaasError('COMPILE_FAILED', message, {
      details: { compilerOutput, outOfMemory: true },
    });
  }
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
