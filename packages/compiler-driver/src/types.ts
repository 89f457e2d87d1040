/** Languages this package compiles to WebAssembly (a subset of the protocol's Language). */
export type WasmLanguage = 'c' | 'rust' | 'go';

export const WASM_LANGUAGE_LIST: readonly WasmLanguage[] = ['c', 'rust', 'go'];

/** What detection found for one language; `problem` says why it is unavailable. */
export interface ToolchainStatus {
  lang: WasmLanguage;
  available: boolean;
  /** Absolute path of the compiler binary that will run. */
  command?: string;
  version?: string;
  /** The wasm target it builds for: wasm32-wasip1 / wasm32-wasi, or wasip1/wasm for Go. */
  target?: string;
  problem?: string;
  installHint: string;
}

export interface CompileResult {
  wasm: Buffer;
  durationMs: number;
  toolchain: ToolchainStatus;
  /** The compiler's output on success (warnings), host paths scrubbed; often empty. */
  warnings: string;
}
