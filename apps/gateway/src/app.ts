import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { FaasError } from '@minifaas/protocol';
import type { GatewayContext } from './context.js';
import { errorHandler } from './http-error.js';
import { OPENAPI_DOCUMENT } from './openapi.js';
import { allowHosts, refuseCrossSite, requireToken } from './security.js';
import { LiveFeed } from './live.js';
import { DASHBOARD_FILES, dashboardFile } from './routes/dashboard.js';
import { deployRoute } from './routes/deploy.js';
import {
  deleteFunctionRoute,
  deleteVersionRoute,
  getFunctionRoute,
  listFunctionsRoute,
  listInvocationsRoute,
  listVersionsRoute,
} from './routes/functions.js';
import { healthRoute } from './routes/health.js';
import { invokeRoute } from './routes/invoke.js';
import { metricsRoute } from './routes/metrics.js';
import { getStrategyRoute, putStrategyRoute } from './routes/strategy.js';
import { FUNCTION_PAGE_CSP, triggerRoute } from './routes/trigger.js';

/** Builds the HTTP API and the dashboard as an express app without listening. */
export function createApp(ctx: GatewayContext, live = new LiveFeed(ctx)): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // The deadline of an invocation counts from here, before its body is read.
  app.use((_req, res, next) => {
    res.locals['arrivedMs'] = Date.now();
    next();
  });
  app.use(allowHosts(ctx.allowedHosts));
  // Bodies are raw bytes whatever the Content-Type: sources and stdin must arrive unchanged.
  const rawBody = [rejectOversized(ctx.config.maxBodyBytes), express.raw({ type: () => true, limit: ctx.config.maxBodyBytes })];
  const admin = requireToken('API token (FAAS_API_TOKEN)', ctx.tokens.apiToken);
  const invoker = requireToken(
    'invoke token (FAAS_INVOKE_TOKEN) or API token (FAAS_API_TOKEN)',
    ctx.tokens.invokeToken,
    ctx.tokens.invokeToken ? ctx.tokens.apiToken : undefined,
  );

  // The HTTP trigger is a public web endpoint, mounted before the cross-site refusal: a
  // function's own page (sandboxed, so its origin is opaque) must be able to post its forms to
  // it. GET runs a function just the same, so refusing cross-site POSTs would protect nothing;
  // FAAS_INVOKE_TOKEN is what guards it.
  // Its own headers come first, so its refusals (401, 405, 413, a bad path) carry them too.
  app.use('/fn', (_req, res, next) => {
    res.setHeader('content-security-policy', FUNCTION_PAGE_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  // The query is the function's (QUERY_STRING); deploy and invoke check their own.
  const trigger: Endpoint = { before: [invoker, ...rawBody], handler: triggerRoute(ctx), query: 'any' };
  mount(app, '/fn/:name', { get: trigger, post: trigger });
  mount(app, '/fn/:name/*rest', { get: trigger, post: trigger });

  app.use(refuseCrossSite);
  mount(app, '/deploy', { post: { before: [admin, ...rawBody], handler: deployRoute(ctx), query: 'any' } });
  mount(app, '/invoke', { post: { before: [invoker, ...rawBody], handler: invokeRoute(ctx), query: 'any' } });
  mount(app, '/functions', { get: { handler: listFunctionsRoute(ctx) } });
  mount(app, '/function/:name', {
    get: { handler: getFunctionRoute(ctx) },
    delete: { before: [admin], handler: deleteFunctionRoute(ctx) },
  });
  mount(app, '/function/:name/versions', { get: { handler: listVersionsRoute(ctx) } });
  mount(app, '/function/:name/versions/:id', { delete: { before: [admin], handler: deleteVersionRoute(ctx) } });
  // Stderr of other callers' runs may hold what they sent: only the API token reads it.
  mount(app, '/function/:name/invocations', { get: { before: [admin], handler: listInvocationsRoute(ctx) } });
  mount(app, '/lb/strategy', {
    get: { handler: getStrategyRoute(ctx) },
    put: { before: [admin, ...rawBody], handler: putStrategyRoute(ctx) },
  });
  mount(app, '/metrics', { get: { handler: metricsRoute(ctx) } });
  mount(app, '/openapi.json', { get: { handler: async (_req, res) => void res.json(OPENAPI_DOCUMENT) } });
  mount(app, '/healthz', { get: { handler: healthRoute(ctx) } });
  // The dashboard: a static page and its live feed (which shows who runs what: API token).
  mount(app, '/events', {
    get: {
      before: [admin],
      // A HEAD is answered with the stream's headers only: express would otherwise open the stream.
      handler: async (req, res) => void (req.method === 'HEAD' ? res.type('text/event-stream').end() : live.add(res)),
    },
  });
  for (const [path, file] of Object.entries(DASHBOARD_FILES)) mount(app, path, { get: { handler: dashboardFile(file), query: 'any' } });

  app.use((req: Request) => {
    throw new FaasError('NOT_FOUND', `no route for ${req.method} ${req.path.slice(0, 100)}; GET /openapi.json lists the routes`);
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

/** For routes that take no query parameters: any parameter at all is refused. */
function refuseQuery(req: Request): void {
  const params = new URL(req.originalUrl, 'http://gateway').searchParams;
  const first = params.keys().next().value;
  if (first !== undefined) {
    throw new FaasError('BAD_REQUEST', `unknown query parameter "${first.slice(0, 60)}"; ${req.method} ${req.path.slice(0, 100)} takes none`);
  }
}

type Method = 'get' | 'post' | 'put' | 'delete';

interface Endpoint {
  /** Middleware run first: tokens, body parsing. */
  before?: RequestHandler[];
  handler: (req: Request, res: Response) => Promise<void>;
  /**
   * `none` (the default): a query parameter is a mistake (`?nmae=x`) and answers 400; `any`:
   * the handler reads the query itself, or it is not ours to judge.
   */
  query?: 'none' | 'any';
}

/** Mounts the methods of one path and answers 405 with an Allow header for every other method. */
function mount(app: express.Express, path: string, endpoints: Partial<Record<Method, Endpoint>>) {
  const methods = Object.keys(endpoints) as Method[];
  for (const method of methods) {
    const { before = [], handler, query = 'none' } = endpoints[method] as Endpoint;
    app[method](path, ...before, (req: Request, res: Response, next: NextFunction) => {
      if (query === 'none') refuseQuery(req);
      handler(req, res).catch(next);
    });
  }
  // Express answers HEAD from the GET route.
  const allow = methods.flatMap((m) => (m === 'get' ? ['GET', 'HEAD'] : [m.toUpperCase()]));
  app.all(path, function answerMethodNotAllowed(req: Request, res: Response) {
    res.setHeader('Allow', allow.join(', '));
    throw new FaasError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; use ${allow.join(' or ')}`);
  });
}
