export { createCompilerDriver, type CompileOptions, type CompilerDriver } from './compiler-driver.js';
export type { ContainmentMode, ContainmentStatus } from './compiler-sandbox.js';
export type { CompilerDriverOptions, CompilerSandboxSetting } from './options.js';
export type { CompileResult, ToolchainStatus, WasmLanguage } from './types.js';
export {
  MemoryLimitError,
  capMemoryMaximum,
  readMemoryLimits,
  type MemoryLimits,
} from './wasm-memory-limit.js';
export { WasmFormatError } from './wasm-bytes.js';
