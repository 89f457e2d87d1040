import { detectClang } from './detect-clang.js';
import { detectGo } from './detect-go.js';
import { detectRustc } from './detect-rustc.js';
import type { DetectEnv } from './pick-toolchain.js';
import type { ToolchainStatus, WasmLanguage } from './types.js';

/** Checks the three toolchains side by side; one missing toolchain never hides another. */
export async function detectToolchains(
  env: DetectEnv,
  cacheDir: string,
): Promise<Record<WasmLanguage, ToolchainStatus>> {
  const [c, rust, go] = await Promise.all([
    detectClang(env),
    detectRustc(env),
    detectGo(env, cacheDir),
  ]);
  return { c, rust, go };
}
