import type { Request, Response } from 'express';
import { ERROR_CODES, FaasError } from '@minifaas/protocol';
import { cgiEnv, parseCgiOutput } from '../cgi.js';
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
    res.setHeader('content-security-policy', FUNCTION_PAGE_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    const name = String(req.params['name']);
    const meta = findFunction(ctx, name);
    const stdin = bodyBytes(req);
    const callEnv = cgiEnv(req, name, pathInfo(req.params['rest']), stdin.length);
    const settled = await runInvocation(ctx, { meta, stdin, arrivedMs, trigger: 'http', callEnv });
    res.setHeader('x-invocation-id', settled.invocationId);
    if (settled.failure || !settled.result) {
      throw publicFailure(settled.failure ?? new FaasError('INTERNAL', 'no result'), meta.name, settled.invocationId);
    }
    const stdout = Buffer.from(settled.result.stdout);
    const reply = meta.lang === 'html' ? { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: stdout } : parseCgiOutput(stdout);
    if (settled.result.stdoutTruncated) res.setHeader('x-output-truncated', 'true');
    res.setHeader('cache-control', 'no-store');
    // setHeader, not res.set: express would append a charset to the function's own content type.
    for (const [header, value] of Object.entries(reply.headers)) res.setHeader(header, value);
    res.status(reply.status).send(reply.body);
  };
}

/** `*rest` arrives as decoded segments; PATH_INFO is them joined, with a leading slash. */
function pathInfo(rest: unknown): string {
  if (Array.isArray(rest)) return `/${rest.join('/')}`;
  return typeof rest === 'string' ? `/${rest}` : '';
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
