import type { ToolchainStatus } from './types.js';

/** How one language is built in the temp dir; compile-source.ts runs it. */
export interface CompileRecipe {
  sourceName: string;
  outputName: string;
  args: string[];
  /** Added to the minimal compiler environment. */
  env: Record<string, string>;
  /** Directories kept between compiles (build caches), created before the compiler runs. */
  persistentDirs: string[];
}

export interface RecipeContext {
  toolchain: ToolchainStatus;
  memoryLimitBytes: number;
  cacheDir: string;
}
