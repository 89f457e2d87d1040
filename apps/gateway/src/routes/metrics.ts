import type { Request, Response } from 'express';
import { call, type StatusReply__Output } from '@minifaas/protocol';
import type { GatewayContext } from '../context.js';

/** A scrape must not hang on a stuck dispatcher: its figures are then reported as down. */
const STATUS_DEADLINE_MS = 1000;

/** GET /metrics — Prometheus text: the gateway's figures and, asked now, the other services'. */
export function metricsRoute(ctx: GatewayContext) {
  return async (_req: Request, res: Response): Promise<void> => {
    const status = await call<StatusReply__Output>('the dispatcher', (md, o, cb) => ctx.dispatcher.Status({}, md, o, cb), {
      deadline: Date.now() + STATUS_DEADLINE_MS,
    }).catch(() => undefined);
    ctx.metrics.setBackend(status);
    res.setHeader('content-type', ctx.metrics.contentType);
    res.send(await ctx.metrics.text());
  };
}
