import type { CompileRecipe, RecipeContext } from './compile-recipe.js';

/**
 * clang for WASI. wasm-ld's default is kept for undefined symbols: an error at link time. With
 * --allow-undefined a missing function would become an import the runtime cannot satisfy, and
 * the user would only learn of it when invoking (case 07-missing-symbol).
 */
export function cRecipe({ toolchain, memoryLimitBytes }: RecipeContext): CompileRecipe {
  const args = [
    `--target=${toolchain.target ?? 'wasm32-wasi'}`,
    '-O2',
    '-fno-color-diagnostics',
    // A crashing clang would otherwise write the preprocessed source and a script to TMPDIR.
    '-fno-crash-diagnostics',
    `-Wl,--max-memory=${memoryLimitBytes}`, // bytes; must be a multiple of the 64 KiB page
    '-o',
    'main.wasm',
    'main.c',
  ];
  return { sourceName: 'main.c', outputName: 'main.wasm', args, env: {} };
}
