import type { CompilerInvocation } from './run-compiler.js';

/**
 * The hook where compilers will be confined (bubblewrap: read-only system, only the temp dir
 * writable, no network). Today it returns the invocation as is: the compiler runs as this
 * service's user, but with a minimal environment, in a fresh temp dir, in a process group that
 * is killed on timeout.
 */
export function sandboxCompilerInvocation(invocation: CompilerInvocation): CompilerInvocation {
  return invocation;
}
