import type { Request, Response } from 'express';
import type { FunctionMeta } from '@minifaas/function-store';
import { ERROR_CODES, FaasError, type InvokeResult__Output } from '@minifaas/protocol';
import { cgiEnv, parseCgiOutput, type HttpReply } from '../cgi.js';
import type { GatewayContext } from '../context.js';
import { runInvocation } from '../run-invocation.js';
import { bodyBytes } from './deploy.js';
import { findFunction } from './functions.js';

/**
 * What a function's page may do. `sandbox` without allow-same-origin gives the page an opaque
 * origin: it can run its own scripts and submit forms, but it cannot read the dashboard's
 * storage or DOM, and its requests to the API carry `Origin: null` (refused where it matters,
 * unreadable elsewhere). See https://www.w3.org/TR/CSP3/#directive-sandbox.
 */
export const FUNCTION_PAGE_CSP = 'sandbox allow-scripts allow-forms allow-popups';

/**
 * GET|POST /fn/:name and /fn/:name/*rest — runs the latest version of a function with the
 * request body as stdin and the request mapped into CGI variables, and answers with its output
 * as the response body.
 */
export function triggerRoute(ctx: GatewayContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const arrivedMs = (res.locals['arrivedMs'] as number | undefined) ?? Date.now();
    const name = String(req.params['name']);
    const meta = findFunction(ctx, name);
    const stdin = bodyBytes(req);
    const callEnv = cgiEnv(req, name, pathInfo(req.params['rest'], req.path), stdin.length);
    // Made once, when the records ask for its status; the reply below is the same one.
    let made: HttpReply | undefined;
    const replyStatus = (result: InvokeResult__Output) => (made ??= replyOf(meta, result)).status;
    const settled = await runInvocation(ctx, { meta, stdin, arrivedMs, trigger: 'http', callEnv, replyStatus });
    res.setHeader('x-invocation-id', settled.invocationId);
    if (settled.failure || !settled.result) {
      throw publicFailure(settled.failure ?? new FaasError('INTERNAL', 'no result'), meta.name, settled.invocationId);
    }
    const reply = made ?? replyOf(meta, settled.result);
    if (settled.result.stdoutTruncated) res.setHeader('x-output-truncated', 'true');
    res.setHeader('cache-control', 'no-store');
    // setHeader, not res.set: express would append a charset to the function's own content type.
    for (const [header, value] of Object.entries(reply.headers)) res.setHeader(header, value);
    res.status(reply.status).send(reply.body);
  };
}

/** The HTTP reply a function's output makes: an html page as it is, anything else CGI-style. */
function replyOf(meta: FunctionMeta, result: InvokeResult__Output): HttpReply {
  const stdout = Buffer.from(result.stdout);
  if (meta.lang === 'html') return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: stdout };
  return parseCgiOutput(stdout);
}

/**
 * `*rest` arrives as decoded segments; PATH_INFO is them joined, with a leading slash. `/fn/NAME/`
 * matches the route without `*rest` (express ignores one trailing slash) but is not `/fn/NAME`.
 */
function pathInfo(rest: unknown, path: string): string {
  if (Array.isArray(rest)) return `/${rest.join('/')}`;
  if (typeof rest === 'string') return `/${rest}`;
  return path.endsWith('/') ? '/' : '';
}

/**
 * The error a public caller of the trigger sees: what happened and the invocation id, but not
 * the function's stderr (its owner reads that in GET /function/NAME/invocations).
 */
function publicFailure(failure: FaasError, name: string, invocationId: string): FaasError {
  const ranAndFailed = ['FUNCTION_FAILED', 'MEMORY_LIMIT'].includes(failure.code);
  const message = ranAndFailed
    ? `the function failed (${failure.code}, HTTP ${ERROR_CODES[failure.code].http}); its owner can see why in GET /function/${name}/invocations`
    : failure.message;
  return new FaasError(failure.code, message, { cause: failure, details: { invocationId } });
}
