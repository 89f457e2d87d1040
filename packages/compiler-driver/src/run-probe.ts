import { execFile } from 'node:child_process';

export interface ProbeResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** Version and --print queries answer at once; a hung binary should not stall detection. */
const PROBE_TIMEOUT_MS = 15_000;

/** Runs a short query against a compiler binary; never throws, `ok` is false on any failure. */
export function runProbe(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const options = { env, cwd: '/', timeout: PROBE_TIMEOUT_MS, killSignal: 'SIGKILL' as const };
    execFile(command, args, options, (error, stdout, stderr) => {
      resolve({ ok: error === null, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The first line of a probe's stdout, trimmed; '' when it printed nothing. */
export function firstLine(text: string): string {
  return text.split('\n', 1)[0]?.trim() ?? '';
}
