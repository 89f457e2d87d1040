import type { ToolchainStatus } from './types.js';

/** How one language is built in the compile's source dir; compile-source.ts runs it. */
export interface CompileRecipe {
  sourceName: string;
  outputName: string;
  args: string[];
  /** Added to the minimal compiler environment. */
  env: Record<string, string>;
  /** What persists between compiles (build caches), relative to the cache dir. */
  cache?: CacheLayout;
  /** Address space the compiler reserves but never uses, added to its address-space limit. */
  addressSpaceReserveMiB?: number;
}

export interface CacheLayout {
  dirs: readonly string[];
  files: Readonly<Record<string, string>>;
}

export interface RecipeContext {
  toolchain: ToolchainStatus;
  memoryLimitBytes: number;
  compilerMemoryLimitMiB: number;
  /** The cache dir as the compiler sees it (inside the sandbox, a fixed mount point). */
  cacheDir: string;
}
