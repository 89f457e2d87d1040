import { spawn } from 'node:child_process';
import { chmod, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaasError } from '@minifaas/protocol';
import { SOURCE_FILE } from '@minifaas/function-store';
import { OutputBuffer } from './output-buffer.js';
import { missingFunction, type RunRequest, type RunResult } from './run-types.js';
import { findInterpreter, type NativeLanguage } from './interpreters.js';
import {
  allocateRunUid,
  buildSandboxCommand,
  removeRunUidFiles,
  killRunUid,
  type Containment,
  type SandboxLimits,
} from './containment.js';

export interface NativeRunnerOptions {
  /** Where per-run working directories are made. */
  scratchDir?: string;
  /** The containment in force, or why there is none (native runs are then refused). */
  containment: Containment | Error;
  limits: SandboxLimits;
  env?: Readonly<Record<string, string | undefined>>;
  /** Told when the processes a run left behind could not be killed. */
  onCleanupFailed?: (uid: number) => void;
}

/**
 * Runs js, python and php functions: every call gets a fresh process in a fresh directory, and
 * the whole process group is killed when the call ends, so nothing outlives it.
 */
export class NativeRunner {
  readonly #options: NativeRunnerOptions;

  constructor(options: NativeRunnerOptions) {
    this.#options = options;
  }

  async run(lang: NativeLanguage, req: RunRequest, memoryLimitMiB?: number): Promise<RunResult> {
    const { containment } = this.#options;
    const limits = { ...this.#options.limits, ...(memoryLimitMiB ? { memoryLimitMiB } : {}) };
    if (containment instanceof Error) {
      throw new FaasError('SANDBOX_UNAVAILABLE', `${lang} functions cannot run on this worker: ${containment.message}`);
    }
    const interpreter = findInterpreter(lang, this.#options.env);
    const runDir = await mkdtemp(join(this.#options.scratchDir ?? tmpdir(), 'minifaas-run-'));
    let uid: number | undefined;
    try {
      const file = join(runDir, interpreter.fileName);
      await copyFile(join(req.versionDir, SOURCE_FILE), file).catch((err: unknown) => {
        throw missingFunction(err);
      });
      // The stored file is not for others to read (0640); this copy is the run's own, in a run
      // dir only the run's uid can enter.
      await chmod(file, 0o444);
      if (containment.startsWith('uid')) uid = allocateRunUid(runDir);
      const heapFlag = interpreter.v8 ? [`--max-old-space-size=${limits.memoryLimitMiB}`] : [];
      const command = buildSandboxCommand(
        containment,
        { argv: [interpreter.path, ...heapFlag, ...interpreter.args, file], runDir, v8: interpreter.v8, limits, env: req.env },
        uid,
      );
      return await runProcess(command, req, uid);
    } finally {
      // Anything the run left behind under its uid (a daemonised grandchild) goes too.
      if (uid !== undefined) {
        if (!killRunUid(uid)) this.#options.onCleanupFailed?.(uid);
        await removeRunUidFiles(uid);
      }
      await rm(runDir, { recursive: true, force: true });
    }
  }
}

interface Command {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

/**
 * After the function's own process exits, how long its output pipes may stay open. A process it
 * left in another session (setsid) is out of reach of the group kill and can hold them for ever;
 * past this, its uid's processes are killed, and past twice this the pipes are let go.
 */
const PIPE_GRACE_MS = 250;

function runProcess(command: Command, req: RunRequest, uid: number | undefined): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // detached: the child leads its own process group, so one kill reaches its descendants too.
    const child = spawn(command.file, command.args, {
      cwd: command.cwd,
      env: command.env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stoppedBy: 'deadline' | 'output' | undefined;
    let settled = false;
    const graceTimers: NodeJS.Timeout[] = [];
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const stop = (why: 'deadline' | 'output') => {
      stoppedBy ??= why;
      killGroup();
    };
    const stdout = new OutputBuffer(req.outputLimitBytes, () => stop('output'));
    const stderr = new OutputBuffer(req.outputLimitBytes, () => stop('output'));
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => undefined); // EPIPE when the function ignores its input
    child.stdin.end(req.stdin);

    const timer = setTimeout(() => stop('deadline'), Math.max(1, req.deadlineMs - Date.now()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new FaasError('TOOLCHAIN_MISSING', `could not start ${command.file}: ${err.message}`, { cause: err }));
    });
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const t of graceTimers) clearTimeout(t);
      const base = {
        stdout: stdout.bytes(),
        stderr: stderr.bytes(),
        stdoutTruncated: stdout.truncated,
        stderrTruncated: stderr.truncated,
        durationMs: performance.now() - started,
        cold: false,
      };
      const exitCode = code ?? 128 + signalNumber(signal);
      if (stoppedBy === 'deadline') resolve({ ...base, outcome: 'OUTCOME_TIMEOUT', exitCode, detail: 'stopped at the deadline' });
      else if (stoppedBy === 'output') resolve({ ...base, outcome: 'OUTCOME_OK', exitCode, detail: 'stopped at the output limit' });
      else if (signal) resolve({ ...base, outcome: 'OUTCOME_CRASHED', exitCode, detail: `killed by ${signal}` });
      else resolve({ ...base, outcome: code === 0 ? 'OUTCOME_OK' : 'OUTCOME_EXIT_NONZERO', exitCode, detail: '' });
    };
    // 'exit' fires when the function's own process ends; grandchildren may still hold the pipes,
    // so the group is killed right away and 'close' (pipes drained) follows promptly, unless one
    // left the group: then the whole uid is killed, and at last the pipes are dropped.
    child.on('exit', (code, signal) => {
      killGroup();
      graceTimers.push(
        setTimeout(() => {
          if (uid !== undefined) killRunUid(uid);
        }, PIPE_GRACE_MS),
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish(code, signal);
        }, 2 * PIPE_GRACE_MS),
      );
    });
    child.on('close', (code, signal) => finish(code, signal));
  });
}

function signalNumber(signal: NodeJS.Signals | null): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGKILL: 9, SIGSEGV: 11, SIGABRT: 6, SIGTERM: 15 };
  return (signal && numbers[signal]) ?? 0;
}
