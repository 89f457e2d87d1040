import type { Request, Response } from 'express';
import type { InvokeResult__Output } from '@minifaas/protocol';
import type { GatewayContext } from '../context.js';
import { encodeBytes } from '../encoding.js';
import { sendError } from '../http-error.js';
import { readQuery, requireParam } from '../query.js';
import { round2, runInvocation } from '../run-invocation.js';
import { bodyBytes } from './deploy.js';
import { findFunction } from './functions.js';

/** POST /invoke?fn=ID_OR_NAME — body is the function's stdin; the answer is JSON. */
export function invokeRoute(ctx: GatewayContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const arrivedMs = (res.locals['arrivedMs'] as number | undefined) ?? Date.now();
    const meta = findFunction(ctx, requireParam(readQuery(req, ['fn']).fn, 'fn'));
    const settled = await runInvocation(ctx, { meta, stdin: bodyBytes(req), arrivedMs, trigger: 'invoke' });
    res.setHeader('x-invocation-id', settled.invocationId);
    const body = settled.result
      ? describeResult(settled.result, meta.id, settled.invocationId)
      : { id: meta.id, invocationId: settled.invocationId };
    if (settled.failure) {
      sendError(res, settled.failure, body);
      return;
    }
    res.status(200).json({ ok: true, ...body });
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
    durationMs: round2(result.durationMs),
    worker: result.workerId,
    cold: result.cold,
    id,
    invocationId,
  };
}
