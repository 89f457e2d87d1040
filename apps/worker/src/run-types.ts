import { FaasError, type Outcome } from '@minifaas/protocol';

/** One run of a guest, as every runner reports it. */
export interface RunResult {
  outcome: Outcome;
  exitCode: number;
  stdout: Buffer;
  stderr: Buffer;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  durationMs: number;
  /** The runtime's own words when the guest crashed (trap, signal). */
  detail: string;
  /** True when the runner had to load the function for this run. */
  cold: boolean;
}

export interface RunRequest {
  functionId: string;
  /** Folder holding the version's files (source, module.wasm). */
  versionDir: string;
  stdin: Buffer;
  /** Epoch ms at which the guest must be stopped. */
  deadlineMs: number;
  outputLimitBytes: number;
  /** Variables for the guest: the function's own, then the call's. Secret: never logged. */
  env: Readonly<Record<string, string>>;
}

/** The version's files are gone from the data dir (deleted, or a worker with another data dir). */
export function missingFunction(err: unknown): FaasError {
  // The code only: the error's message names the host path of the data folder, which callers
  // (public visitors of /fn among them) have no business seeing.
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
  return new FaasError(
    'FUNCTION_NOT_FOUND',
    `the function's files are missing on this worker (${code}): the version was deleted, or the data folder is not shared with the worker`,
    { cause: err },
  );
}
