import type { Request, Response } from 'express';
import { call, FaasError, type StatusReply__Output } from '@minifaas/protocol';
import type { GatewayContext } from '../context.js';
import { sendError } from '../http-error.js';

/** GET /healthz — 200 once the dispatcher answers and at least one worker is registered. */
export function healthRoute(ctx: GatewayContext) {
  return async (_req: Request, res: Response): Promise<void> => {
    let status: StatusReply__Output;
    try {
      status = await call<StatusReply__Output>('the dispatcher', (md, o, cb) => ctx.dispatcher.Status({}, md, o, cb), {
        deadline: Date.now() + 2000,
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      sendError(res, new FaasError('SERVICE_UNAVAILABLE', `the dispatcher or load balancer does not answer: ${reason}`));
      return;
    }
    const workers = status.loadBalancer?.workers.length ?? 0;
    const body = { workers, strategy: status.loadBalancer?.strategy, queued: status.queued, functions: ctx.store.names().length, versions: ctx.store.count };
    if (workers === 0) {
      sendError(res, new FaasError('NO_WORKER', 'no worker is registered with the load balancer yet'), body);
      return;
    }
    res.json({ ok: true, ...body });
  };
}
