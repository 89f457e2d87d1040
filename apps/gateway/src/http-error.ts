import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@minifaas/logger';
import { ERROR_CODES, FaasError, type ErrorCode } from '@minifaas/protocol';

/** The one place where an error becomes an HTTP status and a JSON body. */
export function sendError(res: Response, err: FaasError, extra: Record<string, unknown> = {}): void {
  // A full queue drains in about a second at the usual call lengths; tell clients when to retry.
  if (err.code === 'QUEUE_FULL') res.setHeader('Retry-After', '1');
  res.status(ERROR_CODES[err.code].http).json({ ok: false, error: err.message, code: err.code, ...err.details, ...extra });
}

export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new FaasError(code, message, { details });
}

/** body-parser's errors carry `type`; map the ones a client can cause to our codes. */
function fromBodyParser(err: { type?: string; limit?: number; message?: string }): FaasError | undefined {
  if (err.type === 'entity.too.large') {
    return new FaasError('PAYLOAD_TOO_LARGE', `the request body is larger than the ${err.limit} byte limit; send less`);
  }
  if (err.type === 'request.aborted') return new FaasError('BAD_REQUEST', 'the client aborted the request');
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
    return new FaasError('BAD_REQUEST', `${err.message ?? 'unsupported encoding'}; send the body without that encoding`);
  }
  return undefined;
}

/** Express error handler: every error leaves as JSON; only a bug of ours is a 500. */
export function errorHandler(logger: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    const faas = err instanceof FaasError ? err : fromBodyParser(err as { type?: string });
    if (faas) {
      sendError(res, faas);
      return;
    }
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendError(res, new FaasError('BAD_REQUEST', `bad request: ${(err as Error).message}`));
      return;
    }
    logger.error('unhandled error', { error: err instanceof Error ? err.stack : String(err) });
    sendError(res, new FaasError('INTERNAL', 'internal error in the gateway; see its log'));
  };
}
