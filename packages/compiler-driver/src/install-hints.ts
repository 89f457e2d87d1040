import type { WasmLanguage } from './types.js';

/** Human names for messages: "the Rust toolchain (rustc)". */
export const TOOLCHAIN_NAMES: Record<WasmLanguage, string> = {
  c: 'C toolchain (clang for wasm32-wasi)',
  rust: 'Rust toolchain (rustc with the wasm32-wasi standard library)',
  go: 'Go toolchain (go 1.21 or newer, for GOOS=wasip1)',
};

const SCRIPT = 'run scripts/install-toolchains.sh from the minifaas repository';

/** Exactly how to install each toolchain; the same packages the install script and CI use. */
export const INSTALL_HINTS: Record<WasmLanguage, string> = {
  c:
    `To install it, ${SCRIPT}, or on Debian 12: ` +
    '`apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32`. ' +
    'To use another clang, set FAAS_CLANG to its path.',
  rust:
    `To install it, ${SCRIPT}, or on Debian 12: ` +
    '`apt-get install rustc libstd-rust-dev-wasm32`; with rustup: ' +
    '`rustup target add wasm32-wasip1`. To use another rustc, set FAAS_RUSTC to its path.',
  go:
    `To install it, ${SCRIPT}, or on Debian 12: ` +
    '`apt-get install -t bookworm-backports golang-1.23-go` (enable bookworm-backports first). ' +
    'To use another go, set FAAS_GO to its path.',
};
