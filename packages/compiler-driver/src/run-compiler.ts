import { spawn } from 'node:child_process';

export interface CompilerInvocation {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
}

export interface CompilerRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they arrived, decoded as UTF-8 (bad bytes become U+FFFD). */
  output: string;
  timedOut: boolean;
  durationMs: number;
}

export interface RunLimits {
  timeoutMs: number;
  maxOutputBytes: number;
}

/** After the compiler exits, how long a process that escaped its group may hold our pipes. */
const PIPE_GRACE_MS = 2_000;

/**
 * Runs a compiler in its own process group and kills the whole group (the go command's compile
 * and link children included) on timeout and once the compiler exits, so nothing outlives a
 * compile. Resolves whatever the exit; rejects only when the binary cannot be started.
 */
export function runCompiler(
  invocation: CompilerInvocation,
  limits: RunLimits,
): Promise<CompilerRun> {
  const started = performance.now();
  const { command, args, cwd, env } = invocation;
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new OutputCollector(limits.maxOutputBytes);
  child.stdout.on('data', (chunk: Buffer) => output.add(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.add(chunk));

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, limits.timeoutMs);

  return new Promise((resolve, reject) => {
    let graceTimer: NodeJS.Timeout | undefined;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      clearTimeout(graceTimer);
      const durationMs = Math.round(performance.now() - started);
      resolve({ exitCode, signal, output: output.text(), timedOut, durationMs });
    };
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (exitCode, signal) => {
      killGroup(child.pid);
      graceTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(exitCode, signal);
      }, PIPE_GRACE_MS);
    });
    child.once('close', finish);
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Keeps the first maxBytes of output: a compiler can print megabytes of errors. */
class OutputCollector {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private truncated = false;

  constructor(private readonly maxBytes: number) {}

  add(chunk: Buffer): void {
    const room = this.maxBytes - this.bytes;
    if (chunk.length > room) this.truncated = true;
    if (room <= 0) return;
    const kept = chunk.subarray(0, room);
    this.chunks.push(kept);
    this.bytes += kept.length;
  }

  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    return this.truncated
      ? `${text}\n[compiler output truncated after ${this.maxBytes} bytes]`
      : text;
  }
}
