import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Wasmer, type Package, type Process, type Sandbox } from '@wasmer/sdk/node';
import { FaasError } from '@minifaas/protocol';
import { MODULE_FILE } from '@minifaas/function-store';
import { GarbageCollector } from './garbage-collector.js';
import { OutputBuffer } from './output-buffer.js';
import { missingFunction, type RunRequest, type RunResult } from './run-types.js';
import { WARM_UP_MODULE } from './warm-up-module.js';

interface Loaded {
  pkg: Package;
  sandbox: Sandbox;
}

/**
 * After a guest exits, its output streams normally end within a few ms. A guest stopped by a
 * timeout or a trap can leave them open forever (@wasmer/sdk 0.16), so collection stops after
 * this long and the sandbox is thrown away.
 */
const STREAM_DRAIN_MS = 200;
/**
 * @wasmer/sdk's own `timeoutMs` fires seconds late under load (asked 200 ms, seen 5 s), while
 * `kill()` ends the guest's process within a few ms. So the deadline is ours: a timer kills the
 * guest, and the SDK's timeout stays as a backstop this much later.
 *
 * Neither stops the thread under a guest that computes without host calls: it keeps spinning
 * inside the runtime (measured: a third of a core for as long as the process lives, and
 * `Wasmer.close()` then never returns). So after a guest was stopped at its deadline the worker
 * process is retired and replaced (`onGuestAbandoned`), which frees the thread for sure.
 */
const SDK_TIMEOUT_BACKSTOP_MS = 1000;
/** A guest still running this long after it was killed means the runtime is wedged. */
const KILL_GRACE_MS = 1500;
/**
 * Runs of the warm-up module at start. The SDK starts its pool threads over the first two runs
 * (measured: 1 thread after the first, 3 after the second, none added later for one guest at a
 * time); the third run confirms the pool is up.
 */
const WARM_UP_RUNS = 3;
/** Warming is an optimisation: past this, calls stop waiting for it. */
const WARM_UP_TIMEOUT_MS = 10_000;
/** Not a function id (ids are `name_time`), so it can never evict a real module. */
const WARM_UP_ID = '(warm-up)';

/**
 * Runs WASI modules in @wasmer/sdk, keeping each loaded module and its sandbox warm by function
 * id (ids are immutable, so the cache never goes stale). A guest that timed out or crashed gets
 * its sandbox replaced before the next call, so no broken instance is reused.
 */
export class WasmRunner {
  readonly #wasmer = new Wasmer({ cache: false });
  readonly #loaded = new Map<string, Promise<Loaded>>();
  #ready: Promise<void> | undefined;
  readonly #maxModules: number;
  readonly #onGuestAbandoned: () => void;
  readonly #gc = new GarbageCollector();

  /**
   * `onGuestAbandoned` is called after a guest had to be stopped at its deadline: its thread may
   * still be running, so the worker should be replaced once it has answered.
   */
  constructor(options: { maxModules?: number; onGuestAbandoned?: () => void } = {}) {
    this.#maxModules = options.maxModules ?? 64;
    this.#onGuestAbandoned = options.onGuestAbandoned ?? (() => undefined);
  }

  /**
   * Resolves once the runtime is initialised and its thread pool started; runs wait for it on
   * their own. Rejects only when the runtime itself cannot start.
   */
  async ready(): Promise<void> {
    this.#ready ??= this.#wasmer.ready().then(() => this.#warmUp());
    await this.#ready;
  }

  async run(req: RunRequest): Promise<RunResult> {
    const cold = !this.#loaded.has(req.functionId);
    const loaded = await this.#load(req.functionId, req.versionDir);
    this.#gc.beforeRun();
    try {
      return await this.#execute(loaded, req, cold);
    } finally {
      this.#gc.afterRun();
    }
  }

  async #execute(loaded: Loaded, req: RunRequest, cold: boolean): Promise<RunResult> {
    const started = performance.now();
    const budgetMs = Math.max(1, req.deadlineMs - Date.now());
    const proc = await loaded.sandbox
      .command(loaded.pkg, { env: req.env })
      .spawn({ stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', timeoutMs: budgetMs + SDK_TIMEOUT_BACKSTOP_MS });
    let timedOut = false;
    const deadlineTimer = setTimeout(() => {
      timedOut = true;
      void proc.kill().catch(() => undefined);
    }, budgetMs);

    let cappedByOutput = false;
    const stopForOutput = () => {
      cappedByOutput = true;
      void proc.kill().catch(() => undefined);
    };
    const stdout = new OutputBuffer(req.outputLimitBytes, stopForOutput);
    const stderr = new OutputBuffer(req.outputLimitBytes, stopForOutput);
    const streams = Promise.all([drain(proc.stdout, stdout), drain(proc.stderr, stderr)]);
    await feedStdin(proc, req.stdin);

    const wedged = timer(budgetMs + KILL_GRACE_MS);
    const ended = await Promise.race([waitForExit(proc), wedged.done.then((): Ended => ({ kind: 'wedged' }))]);
    clearTimeout(deadlineTimer);
    wedged.cancel();
    const stoppedAtDeadline = timedOut || ended.kind === 'wedged' || (ended.kind === 'exited' && ended.reason === 'timeout');
    const drainCap = timer(STREAM_DRAIN_MS);
    await Promise.race([streams, drainCap.done]);
    // Timers left to fire on their own would pile up by the thousand under load.
    drainCap.cancel();
    const durationMs = performance.now() - started;
    if (ended.kind !== 'exited' || ended.reason !== 'exited') this.#evict(req.functionId);

    const base = {
      stdout: stdout.bytes(),
      stderr: stderr.bytes(),
      stdoutTruncated: stdout.truncated,
      stderrTruncated: stderr.truncated,
      durationMs,
      cold,
    };
    if (stoppedAtDeadline) {
      // Only after this reply has left: retiring closes the server.
      setTimeout(this.#onGuestAbandoned, 0);
      return { ...base, outcome: 'OUTCOME_TIMEOUT', exitCode: 137, detail: 'stopped at the deadline' };
    }
    if (ended.kind === 'threw') return { ...base, outcome: 'OUTCOME_CRASHED', exitCode: -1, detail: ended.detail };
    if (cappedByOutput) return { ...base, outcome: 'OUTCOME_OK', exitCode: ended.exitCode, detail: 'stopped at the output limit' };
    if (ended.reason === 'terminated') return { ...base, outcome: 'OUTCOME_CRASHED', exitCode: ended.exitCode, detail: 'terminated' };
    const outcome = ended.exitCode === 0 ? 'OUTCOME_OK' : 'OUTCOME_EXIT_NONZERO';
    return { ...base, outcome, exitCode: ended.exitCode, detail: '' };
  }

  /**
   * Loads a module ahead of its first call, so that call runs warm; resolves true when it was
   * loaded now, false when it already was. Throws like a run would (FUNCTION_NOT_FOUND,
   * FUNCTION_FAILED). Nothing of the guest runs.
   */
  async prepare(functionId: string, versionDir: string): Promise<boolean> {
    const cold = !this.#loaded.has(functionId);
    await this.#load(functionId, versionDir);
    return cold;
  }

  /** Drops a cached module (its version was deleted or replaced on disk). */
  forget(functionId: string): void {
    if (this.#loaded.has(functionId)) this.#evict(functionId);
  }

  async close(): Promise<void> {
    await this.#wasmer.close();
  }

  #load(functionId: string, versionDir: string): Promise<Loaded> {
    let loading = this.#loaded.get(functionId);
    if (loading) {
      // Re-insert to mark as most recently used.
      this.#loaded.delete(functionId);
      this.#loaded.set(functionId, loading);
      return loading;
    }
    loading = this.#instantiate(versionDir);
    loading.catch(() => this.#loaded.delete(functionId));
    this.#loaded.set(functionId, loading);
    if (this.#loaded.size > this.#maxModules) {
      const oldest = this.#loaded.keys().next().value;
      if (oldest !== undefined) this.#evict(oldest);
    }
    return loading;
  }

  async #instantiate(versionDir: string): Promise<Loaded> {
    await this.ready();
    const bytes = await readFile(join(versionDir, MODULE_FILE)).catch((err: unknown) => {
      throw missingFunction(err);
    });
    try {
      const pkg = await this.#wasmer.packages.load(bytes);
      const sandbox = await this.#wasmer.sandboxes.create({ packages: [pkg] });
      return { pkg, sandbox };
    } catch (err) {
      throw new FaasError('FUNCTION_FAILED', `the module could not be loaded: ${firstLine(err)}`, { cause: err });
    }
  }

  /**
   * Starts the SDK's pool threads with a module of our own, so no user's call pays for it. The
   * runs take the same path as a call (piped stdin, stdout and stderr), so the code of that path
   * is compiled too.
   */
  async #warmUp(): Promise<void> {
    const warming = (async () => {
      const pkg = await this.#wasmer.packages.load(WARM_UP_MODULE);
      const sandbox = await this.#wasmer.sandboxes.create({ packages: [pkg] });
      const req = { functionId: WARM_UP_ID, versionDir: '', stdin: Buffer.from('warm-up'), outputLimitBytes: 1024, env: {} };
      for (let i = 0; i < WARM_UP_RUNS; i++) {
        await this.#execute({ pkg, sandbox }, { ...req, deadlineMs: Date.now() + WARM_UP_TIMEOUT_MS }, true);
      }
      await sandbox.close();
    })();
    // A failed or slow warm-up costs the first call its time, nothing more.
    const cap = timer(WARM_UP_TIMEOUT_MS);
    await Promise.race([warming.catch(() => undefined), cap.done]);
    cap.cancel();
    this.#gc.resetBaseline();
  }

  #evict(functionId: string): void {
    const loading = this.#loaded.get(functionId);
    this.#loaded.delete(functionId);
    void loading?.then((l) => l.sandbox.close()).catch(() => undefined);
  }
}

type Ended =
  | { kind: 'exited'; exitCode: number; reason: string }
  | { kind: 'threw'; detail: string }
  | { kind: 'wedged' };

async function waitForExit(proc: Process): Promise<Ended> {
  try {
    const out = await proc.wait({ check: false });
    return { kind: 'exited', exitCode: out.exitCode, reason: out.reason };
  } catch (err) {
    // 0.16 throws EXECUTION_ERROR for a trap (Rust panic → unreachable); stderr holds the panic text.
    return { kind: 'threw', detail: trapDetail(err) };
  }
}

async function feedStdin(proc: Process, stdin: Buffer): Promise<void> {
  try {
    if (stdin.length > 0) await proc.stdin?.write(stdin);
    await proc.stdin?.close();
  } catch {
    // The guest exited without reading all of its input: not an error.
  }
}

async function drain(stream: AsyncIterable<Uint8Array> | null, into: OutputBuffer): Promise<void> {
  if (!stream) return;
  try {
    for await (const chunk of stream) into.push(chunk);
  } catch {
    // The stream broke because the guest was stopped; what was read so far is kept.
  }
}

/**
 * A trap comes as "command execution failed: RuntimeError: js: unreachable\nRuntimeError:
 * unreachable": say which trap it was, without the SDK's wrapping.
 */
export function trapDetail(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const trap = /RuntimeError: (?:js: )?([^\n]+)/.exec(message)?.[1]?.trim();
  return trap ? `WebAssembly trap: ${trap}` : firstLine(err);
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n').slice(0, 2).join(' ').trim();
}

/** A promise that resolves after `ms`, and a way to drop its timer when it is no longer needed. */
function timer(ms: number): { done: Promise<void>; cancel(): void } {
  let handle: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve) => {
    handle = setTimeout(resolve, ms).unref();
  });
  return { done, cancel: () => clearTimeout(handle) };
}
