import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { FaasError } from '@minifaas/protocol';
import type { GatewayContext } from './context.js';
import { errorHandler } from './http-error.js';
import { refuseCrossSite, requireToken } from './security.js';
import { deployRoute } from './routes/deploy.js';
import { getFunctionRoute } from './routes/functions.js';
import { healthRoute } from './routes/health.js';
import { invokeRoute } from './routes/invoke.js';

/** Builds the HTTP API as an express app without listening. */
export function createApp(ctx: GatewayContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // The deadline of an invocation counts from here, before its body is read.
  app.use((_req, res, next) => {
    res.locals['arrivedMs'] = Date.now();
    next();
  });
  // Bodies are raw bytes whatever the Content-Type: sources and stdin must arrive unchanged.
  const rawBody = [rejectOversized(ctx.config.maxBodyBytes), express.raw({ type: () => true, limit: ctx.config.maxBodyBytes })];

  app.use(refuseCrossSite);
  const admin = requireToken(ctx.tokens.apiToken);
  const invoker = requireToken(ctx.tokens.invokeToken, ctx.tokens.invokeToken ? ctx.tokens.apiToken : undefined);

  route(app, '/deploy', 'post', [admin, ...rawBody], deployRoute(ctx));
  route(app, '/invoke', 'post', [invoker, ...rawBody], invokeRoute(ctx));
  route(app, '/function/:name', 'get', [], getFunctionRoute(ctx));
  route(app, '/healthz', 'get', [], healthRoute(ctx));

  app.use((req: Request) => {
    throw new FaasError('NOT_FOUND', `no route for ${req.method} ${req.path.slice(0, 100)}; see docs/api.md in the README`);
  });
  app.use(errorHandler(ctx.logger));
  return app;
}

/**
 * Answers 413 as soon as a declared Content-Length is over the limit. body-parser would first read
 * and discard the whole upload (50 MiB of it, say) before replying; this replies at once (Node
 * discards the rest of the upload without buffering it).
 */
function rejectOversized(limitBytes: number): RequestHandler {
  return (req, _res, next) => {
    const declared = Number(req.get('content-length'));
    if (!(declared > limitBytes)) return next();
    next(new FaasError('PAYLOAD_TOO_LARGE', `the request body is ${declared} bytes, over the ${limitBytes} byte limit; send less`));
  };
}

type Method = 'get' | 'post';

/** Mounts one route and answers 405 with an Allow header for every other method on its path. */
function route(app: express.Express, path: string, method: Method, before: RequestHandler[], handler: (req: Request, res: Response) => Promise<void>) {
  const handlers: RequestHandler[] = [...before];
  handlers.push((req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  });
  app[method](path, ...handlers);
  app.all(path, (req: Request, res: Response) => {
    res.setHeader('Allow', method.toUpperCase());
    throw new FaasError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; use ${method.toUpperCase()}`);
  });
}
