import type { CompileRecipe, RecipeContext } from './compile-recipe.js';

/** rustc for WASI, one file, no cargo: a function is a single main.rs with only std. */
export function rustRecipe({ toolchain, memoryLimitBytes }: RecipeContext): CompileRecipe {
  const args = [
    '--edition=2021',
    '--crate-type=bin',
    '--crate-name=main',
    `--target=${toolchain.target ?? 'wasm32-wasi'}`,
    '-O',
    // The prebuilt std carries DWARF: without this a hello world is about 2 MB instead of 100 KB.
    '-C',
    'strip=debuginfo',
    '-C',
    `link-arg=--max-memory=${memoryLimitBytes}`,
    '--color=never',
    '-o',
    'main.wasm',
    'main.rs',
  ];
  return { sourceName: 'main.rs', outputName: 'main.wasm', args, env: {} };
}
