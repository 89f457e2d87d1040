import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import {
  call,
  FaasError,
  grpcDeadline,
  invocationMetadata,
  type InvokeResult__Output,
} from '@minifaas/protocol';
import type { GatewayContext } from '../context.js';
import { encodeBytes } from '../encoding.js';
import { sendError } from '../http-error.js';
import { readQuery, requireParam } from '../query.js';
import { bodyBytes } from './deploy.js';

/** POST /invoke?fn=ID_OR_NAME — body is the function's stdin. */
export function invokeRoute(ctx: GatewayContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const arrivedMs = (res.locals['arrivedMs'] as number | undefined) ?? Date.now();
    const fnParam = requireParam(readQuery(req, ['fn']).fn, 'fn');
    const meta = ctx.store.resolve(fnParam);
    if (!meta) {
      throw new FaasError('FUNCTION_NOT_FOUND', `function "${fnParam.slice(0, 80)}" not found: no deployed function has this id or name; deploy it first`);
    }
    const invocationId = randomUUID();
    const timeoutMs = meta.limits.timeoutMs ?? ctx.config.timeoutMs;
    const deadlineMs = arrivedMs + timeoutMs;
    const fn = { id: meta.id, name: meta.name, lang: meta.lang, memoryLimitMib: meta.limits.memoryMiB ?? 0 };
    const request = { invocationId, function: fn, stdin: bodyBytes(req) };
    const result = await call<InvokeResult__Output>(
      'the dispatcher',
      (md, o, cb) => ctx.dispatcher.Invoke(request, md, o, cb),
      { deadline: grpcDeadline(deadlineMs), metadata: invocationMetadata(invocationId, deadlineMs) },
    );
    const body = describeResult(result, meta.id, invocationId);
    switch (result.outcome) {
      case 'OUTCOME_OK':
        res.status(200).json({ ok: true, ...body });
        return;
      case 'OUTCOME_MEMORY_LIMIT':
        sendError(res, new FaasError('MEMORY_LIMIT', `the function hit its memory limit; ${failureMessage(result)}`), body);
        return;
      case 'OUTCOME_TIMEOUT':
        sendError(res, new FaasError('TIMEOUT', `the function timed out after ${timeoutMs} ms and was stopped; raise its timeoutMs at deploy if it needs longer`), body);
        return;
      default:
        sendError(res, new FaasError('FUNCTION_FAILED', failureMessage(result)), body);
    }
  };
}

function describeResult(result: InvokeResult__Output, id: string, invocationId: string) {
  const output = encodeBytes(result.stdout);
  const stderr = encodeBytes(result.stderr);
  return {
    output: output.text,
    ...(output.encoding === 'base64' ? { outputEncoding: 'base64' } : {}),
    exitCode: result.exitCode,
    stderr: stderr.text,
    ...(stderr.encoding === 'base64' ? { stderrEncoding: 'base64' } : {}),
    ...(result.stdoutTruncated || result.stderrTruncated ? { truncated: true } : {}),
    durationMs: Math.round(result.durationMs * 100) / 100,
    worker: result.workerId,
    cold: result.cold,
    id,
    invocationId,
  };
}

/** Says how the function failed, with its own last words (a Rust panic's text is on stderr). */
function failureMessage(result: InvokeResult__Output): string {
  const stderr = Buffer.from(result.stderr).toString('utf8').trim();
  const tail = stderr.length > 2000 ? `...${stderr.slice(-2000)}` : stderr;
  const how =
    result.outcome === 'OUTCOME_CRASHED'
      ? `the function crashed (${result.detail || `exit code ${result.exitCode}`})`
      : `the function exited with code ${result.exitCode}`;
  return tail ? `${how}: ${tail}` : how;
}
