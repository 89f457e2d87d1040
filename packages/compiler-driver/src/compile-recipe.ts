import type { ToolchainStatus } from './types.js';

/** How one language is built in the temp dir; compile-source.ts runs it. */
export interface CompileRecipe {
  sourceName: string;
  outputName: string;
  args: string[];
  /** Added to the minimal compiler environment. */
  env: Record<string, string>;
  /** Sets up what persists between compiles (build caches) before the compiler runs. */
  prepare?: () => Promise<void>;
}

export interface RecipeContext {
  toolchain: ToolchainStatus;
  memoryLimitBytes: number;
  cacheDir: string;
}
