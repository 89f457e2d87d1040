import type { Request, Response } from 'express';
import { call, FaasError, type StrategyReply__Output } from '@minifaas/protocol';
import type { GatewayContext } from '../context.js';
import { bodyBytes } from './deploy.js';

const LB_DEADLINE_MS = 2000;

/** GET /lb/strategy — the strategy in force and the ones the load balancer knows. */
export function getStrategyRoute(ctx: GatewayContext) {
  return async (_req: Request, res: Response): Promise<void> => {
    const reply = await call<StrategyReply__Output>('the load balancer', (md, o, cb) => ctx.loadBalancer.GetStrategy({}, md, o, cb), {
      deadline: Date.now() + LB_DEADLINE_MS,
    });
    res.json({ ok: true, strategy: reply.strategy, available: reply.available });
  };
}

/** PUT /lb/strategy with `{"strategy":"FIFO"}` — switches at once, for calls waiting too. */
export function putStrategyRoute(ctx: GatewayContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const strategy = readStrategy(bodyBytes(req));
    const reply = await call<StrategyReply__Output>(
      'the load balancer',
      (md, o, cb) => ctx.loadBalancer.SetStrategy({ strategy }, md, o, cb),
      { deadline: Date.now() + LB_DEADLINE_MS },
    );
    ctx.logger.info('strategy changed', { strategy: reply.strategy });
    res.json({ ok: true, strategy: reply.strategy, available: reply.available });
  };
}

function readStrategy(body: Buffer): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new FaasError('BAD_REQUEST', 'the body must be JSON like {"strategy":"FIFO"}');
  }
  const strategy = (parsed as { strategy?: unknown } | null)?.strategy;
  if (typeof strategy !== 'string' || strategy === '') {
    throw new FaasError('BAD_REQUEST', 'the body must name a strategy: {"strategy":"FIFO"}; GET /lb/strategy lists them');
  }
  return strategy;
}
