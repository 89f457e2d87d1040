/**
 * How a native function's process is contained.
 * - `none`: a fresh directory, an environment built only from the allow-list below, its own
 *   process group. Nothing of the host's environment reaches the function.
 */
export type Containment = 'none';

export interface SandboxInput {
  argv: string[];
  runDir: string;
}

export interface SandboxCommand {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

/** The only variables a native function sees; nothing is copied from the worker's environment. */
export function functionEnv(runDir: string): Record<string, string> {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: runDir,
    TMPDIR: runDir,
    LANG: 'C.UTF-8',
  };
}

export function buildSandboxCommand(_containment: Containment, input: SandboxInput): SandboxCommand {
  const [file, ...args] = input.argv;
  if (!file) throw new TypeError('argv must name a program');
  return { file, args, env: functionEnv(input.runDir), cwd: input.runDir };
}
