import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@minifaas/logger';
import {
  closeServer,
  createServer,
  FaasError,
  isWasmLanguage,
  listenOnSocket,
  readDeadline,
  readInvocationId,
  resolveLanguage,
  unary,
  unsafeEnvName,
  type InvokeResult,
  type PrepareReply,
  type PrepareRequest__Output,
  type WorkerHandlers,
  type WorkerInvokeRequest__Output,
} from '@minifaas/protocol';
import { SOURCE_FILE, versionDir } from '@minifaas/function-store';
import { classifyMemory } from './classify.js';
import { ModuleStamps } from './module-stamps.js';
import { NativeRunner } from './native-runner.js';
import { missingFunction, type RunRequest, type RunResult } from './run-types.js';
import { WasmRunner } from './wasm-runner.js';
import type { Containment, SandboxLimits } from './containment.js';

export interface WorkerDeps {
  id: string;
  dataDir: string;
  outputLimitBytes: number;
  maxModules?: number;
  containment: Containment | Error;
  limits: SandboxLimits;
  logger: Logger;
  env?: Readonly<Record<string, string | undefined>>;
  /** Called when a WASM guest was stopped at its deadline: this worker should be replaced. */
  onGuestAbandoned?: () => void;
}

/** Used when a call carries no deadline at all (a hand-made call); the gateway always sets one. */
const FALLBACK_TIMEOUT_MS = 10_000;

/** Builds a worker's gRPC server without listening. It runs one invocation at a time. */
export function createWorker(deps: WorkerDeps) {
  const wasm = new WasmRunner({ maxModules: deps.maxModules, onGuestAbandoned: deps.onGuestAbandoned });
  const native = new NativeRunner({
    containment: deps.containment,
    limits: deps.limits,
    env: deps.env,
    onCleanupFailed: (uid) => deps.logger.error('could not kill what a run left behind', { uid }),
  });
  const stamps = new ModuleStamps();
  let queue: Promise<unknown> = Promise.resolve();
  let jobsDone = 0;

  const runOne = async (request: WorkerInvokeRequest__Output, deadlineMs: number): Promise<RunResult> => {
    const fn = request.function;
    const lang = fn ? resolveLanguage(fn.lang) : undefined;
    if (!fn || !lang) throw new FaasError('BAD_REQUEST', 'the invocation names no function or an unknown language');
    const req: RunRequest = {
      functionId: fn.id,
      versionDir: versionDir(deps.dataDir, fn.id),
      stdin: request.stdin,
      deadlineMs,
      outputLimitBytes: deps.outputLimitBytes,
      env: guestEnv(fn.env, request.env),
    };
    switch (lang) {
      case 'c':
      case 'rust':
      case 'go':
        stamps.check(fn.id, req.versionDir, (id) => wasm.forget(id));
        return wasm.run(req);
      case 'js':
      case 'python':
      case 'php':
        return native.run(lang, req, fn.memoryLimitMib || undefined);
      case 'html':
        return serveStatic(req);
    }
  };

  const invoke = async (request: WorkerInvokeRequest__Output, deadlineMs: number, invocationId: string): Promise<InvokeResult> => {
    const log = deps.logger.child({ invocationId, fn: request.function?.id });
    // One at a time: the load balancer leases a worker to one invocation, and this keeps that
    // true even if a caller ignores the lease.
    const turn = queue.then(() => runOne(request, deadlineMs)).then(classifyMemory);
    queue = turn.catch(() => undefined);
    const result = await turn;
    jobsDone++;
    log.debug('invocation finished', { outcome: result.outcome, durationMs: result.durationMs, cold: result.cold });
    return { ...result, workerId: deps.id };
  };

  // Not behind `queue`: loading a module runs nothing of a guest, and the invocation in progress
  // needs the event loop only now and then while its guest runs on a pool thread.
  const prepare = async (request: PrepareRequest__Output): Promise<PrepareReply> => {
    const fn = request.function;
    const lang = fn ? resolveLanguage(fn.lang) : undefined;
    if (!fn || !lang) throw new FaasError('BAD_REQUEST', 'the prepare request names no function or an unknown language');
    if (!isWasmLanguage(lang)) return { workerId: deps.id, loaded: false, durationMs: 0 };
    const started = performance.now();
    const loaded = await wasm.prepare(fn.id, versionDir(deps.dataDir, fn.id));
    const durationMs = performance.now() - started;
    deps.logger.debug('module prepared', { fn: fn.id, loaded, durationMs });
    return { workerId: deps.id, loaded, durationMs };
  };

  const handlers: WorkerHandlers = {
    Invoke: unary((request, call) =>
      invoke(request, readDeadline(call.metadata, Date.now() + FALLBACK_TIMEOUT_MS), readInvocationId(call.metadata, request.invocationId)),
    ),
    Prepare: unary((request) => prepare(request)),
  };

  const { server } = createServer('Worker', handlers);
  return {
    server,
    get jobsDone() {
      return jobsDone;
    },
    ready: () => wasm.ready(),
    listen: (socketPath: string) => listenOnSocket(server, socketPath),
    close: async (socketPath: string, graceMs = 10_000) => {
      await closeServer(server, socketPath, graceMs);
      // Closing the runtime waits for its threads; one still spinning a stopped guest never ends.
      await Promise.race([wasm.close(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    },
  };
}

/**
 * The guest's variables: the function's own, then the call's on top. Names are checked again
 * here, whoever sent the call: a native run's wrappers start as root and must not see loader
 * variables.
 */
function guestEnv(...layers: Array<Record<string, string> | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer ?? {})) {
      const problem = unsafeEnvName(name);
      if (problem) throw new FaasError('BAD_REQUEST', `environment variable "${name.slice(0, 60)}" is not allowed: ${problem}`);
      if (value.includes('\0')) throw new FaasError('BAD_REQUEST', `environment variable ${name} holds a NUL byte`);
      env[name] = value;
    }
  }
  return env;
}

/** An html function's output is its stored content, through the same path as any function. */
async function serveStatic(req: RunRequest): Promise<RunResult> {
  const started = performance.now();
  const content = await readFile(join(req.versionDir, SOURCE_FILE)).catch((err: unknown) => {
    throw missingFunction(err);
  });
  const stdout = content.subarray(0, req.outputLimitBytes);
  return {
    outcome: 'OUTCOME_OK',
    exitCode: 0,
    stdout,
    stderr: Buffer.alloc(0),
    stdoutTruncated: stdout.length < content.length,
    stderrTruncated: false,
    durationMs: performance.now() - started,
    detail: '',
    cold: false,
  };
}

