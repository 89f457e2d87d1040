import path from 'node:path';

/** Where compilers find their helpers (wasm-ld, the Go tool binaries), besides their own dir. */
const SYSTEM_PATH = ['/usr/local/bin', '/usr/bin', '/bin'];

/** A PATH of the compiler's own directory and the system directories, nothing from the host. */
export function compilerSearchPath(command: string): string {
  return [...new Set([path.dirname(command), ...SYSTEM_PATH])].join(path.delimiter);
}

/**
 * The whole environment a compiler runs with. The host's variables never reach it: they may hold
 * secrets, and flags such as CFLAGS or GOFLAGS would change what we build.
 */
export function compilerEnv(
  command: string,
  tempDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PATH: compilerSearchPath(command),
    HOME: tempDir,
    TMPDIR: tempDir,
    // Plain ASCII, English diagnostics whatever the host locale.
    LC_ALL: 'C',
    ...extra,
  };
}

/**
 * The environment for detection queries. Unlike a compile, it keeps HOME and the rustup
 * variables: a rustup proxy needs them to find its toolchains, and detection then runs the real
 * rustc behind the proxy so compiles do not.
 */
export function probeEnv(
  command: string,
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['RUSTUP_HOME', 'CARGO_HOME', 'RUSTUP_TOOLCHAIN']) {
    const value = env[name];
    if (value) kept[name] = value;
  }
  return {
    PATH: compilerSearchPath(command),
    HOME: env.HOME || homeDir,
    LC_ALL: 'C',
    // Never let a query download anything: no network here, and no surprises elsewhere.
    RUSTUP_AUTO_INSTALL: '0',
    GOTOOLCHAIN: 'local',
    GOENV: 'off',
    ...kept,
  };
}
