import { randomUUID } from 'node:crypto';
import type { FunctionMeta } from '@minifaas/function-store';
import {
  call,
  ERROR_CODES,
  FaasError,
  grpcDeadline,
  invocationMetadata,
  type InvokeResult__Output,
} from '@minifaas/protocol';
import type { GatewayContext } from './context.js';
import { keepStderr } from './history.js';

export interface InvocationRequest {
  meta: FunctionMeta;
  stdin: Buffer;
  /** When the request reached the gateway: the deadline counts from here. */
  arrivedMs: number;
  trigger: 'invoke' | 'http';
  /** Variables of this call (the HTTP trigger's CGI mapping). */
  callEnv?: Record<string, string>;
  /**
   * The HTTP status a caller gets for a function's successful run, when it is not 200 (the HTTP
   * trigger's `Status:` line), so metrics and history show what the caller saw.
   */
  replyStatus?: (result: InvokeResult__Output) => number;
}

/** How an invocation ended: the worker's result when the function ran, the failure when not OK. */
export interface SettledInvocation {
  invocationId: string;
  meta: FunctionMeta;
  timeoutMs: number;
  result?: InvokeResult__Output;
  failure?: FaasError;
}

/** Platform failures a person should look at; a function's own failure is only debug. */
const WARN_CODES = new Set(['TIMEOUT', 'QUEUE_FULL', 'NO_WORKER', 'WORKER_LOST', 'SERVICE_UNAVAILABLE', 'MEMORY_LIMIT', 'INTERNAL']);

/**
 * Runs one invocation through the dispatcher under a fresh id and records it once (metrics,
 * history, one log line). Never throws a request failure: it comes back as `failure`.
 */
export async function runInvocation(ctx: GatewayContext, req: InvocationRequest): Promise<SettledInvocation> {
  const invocationId = randomUUID();
  const { meta } = req;
  const timeoutMs = meta.limits.timeoutMs ?? ctx.config.timeoutMs;
  const deadlineMs = req.arrivedMs + timeoutMs;
  const fn = { id: meta.id, name: meta.name, lang: meta.lang, memoryLimitMib: meta.limits.memoryMiB ?? 0, env: ctx.store.env(meta.id) };
  // The HTTP trigger's CGI variables include the call's id, so a page can name the call that
  // /invocations lists. /invoke passes nothing: its runs see only the function's own variables.
  const env = req.callEnv ? { ...req.callEnv, INVOCATION_ID: invocationId } : {};
  const request = { invocationId, function: fn, stdin: req.stdin, env };
  let settled: SettledInvocation;
  try {
    const result = await call<InvokeResult__Output>('the dispatcher', (md, o, cb) => ctx.dispatcher.Invoke(request, md, o, cb), {
      deadline: grpcDeadline(deadlineMs),
      metadata: invocationMetadata(invocationId, deadlineMs),
    });
    settled = { invocationId, meta, timeoutMs, result, failure: outcomeFailure(result, timeoutMs) };
  } catch (err) {
    const failure = err instanceof FaasError ? err : new FaasError('INTERNAL', 'internal error in the gateway; see its log', { cause: err });
    settled = { invocationId, meta, timeoutMs, failure };
  }
  record(ctx, req, settled);
  return settled;
}

/** The error a non-OK outcome answers with; undefined for OUTCOME_OK. */
function outcomeFailure(result: InvokeResult__Output, timeoutMs: number): FaasError | undefined {
  switch (result.outcome) {
    case 'OUTCOME_OK':
      return undefined;
    case 'OUTCOME_MEMORY_LIMIT':
      return new FaasError('MEMORY_LIMIT', `the function hit its memory limit; ${failureMessage(result)}`);
    case 'OUTCOME_TIMEOUT':
      return new FaasError('TIMEOUT', `the function timed out after ${timeoutMs} ms and was stopped; raise its timeoutMs at deploy if it needs longer`);
    default:
      return new FaasError('FUNCTION_FAILED', failureMessage(result));
  }
}

function record(ctx: GatewayContext, req: InvocationRequest, settled: SettledInvocation): void {
  const { result, failure, meta, invocationId } = settled;
  const totalMs = Date.now() - req.arrivedMs;
  const code = failure?.code ?? 'OK';
  const status = failure ? ERROR_CODES[failure.code].http : result && req.replyStatus ? req.replyStatus(result) : 200;
  ctx.metrics.invocation(meta.name, status, totalMs / 1000, result?.cold ?? false);
  // A call that ends after its version was deleted is not listed: the history is by name, and a
  // function deployed again under that name must not inherit the deleted one's runs.
  if (ctx.store.resolve(meta.id)?.id === meta.id) {
    ctx.history.add(meta.name, {
      invocationId,
      id: meta.id,
      at: new Date(req.arrivedMs).toISOString(),
      durationMs: round2(result?.durationMs ?? 0),
      totalMs,
      exitCode: result ? result.exitCode : null,
      code,
      status,
      worker: result?.workerId || null,
      cold: result?.cold ?? false,
      trigger: req.trigger,
      ...keepStderr(result?.stderr ?? new Uint8Array(), result?.stderrTruncated ?? false),
    });
  }
  const log = ctx.logger.child({ invocationId, fn: meta.id });
  const fields = { code, status, totalMs, workerId: result?.workerId, trigger: req.trigger };
  if (failure?.code === 'INTERNAL') log.error('invocation failed', { ...fields, error: String(failure.cause ?? failure) });
  else if (WARN_CODES.has(code)) log.warn('invocation failed', fields);
  else log.debug('invocation finished', fields);
}

/** Says how the function failed, with its own last words (a Rust panic's text is on stderr). */
export function failureMessage(result: InvokeResult__Output): string {
  const stderr = Buffer.from(result.stderr).toString('utf8').trim();
  const tail = stderr.length > 2000 ? `...${stderr.slice(-2000)}` : stderr;
  const how =
    result.outcome === 'OUTCOME_CRASHED'
      ? `the function crashed (${result.detail || `exit code ${result.exitCode}`})`
      : `the function exited with code ${result.exitCode}`;
  return tail ? `${how}: ${tail}` : how;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
