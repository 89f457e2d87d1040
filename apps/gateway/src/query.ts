import type { Request } from 'express';
import { FaasError } from '@minifaas/protocol';

/**
 * Reads the query string strictly: every parameter must be known and given at most once, so
 * `?lang=c&lang=rust` or `?nmae=x` is a clear 400 instead of a silent guess.
 */
export function readQuery<K extends string>(req: Request, allowed: readonly K[]): Partial<Record<K, string>> {
  const params = new URL(req.originalUrl, 'http://gateway').searchParams;
  const out: Partial<Record<K, string>> = {};
  for (const key of new Set(params.keys())) {
    if (!(allowed as readonly string[]).includes(key)) {
      throw new FaasError('BAD_REQUEST', `unknown query parameter "${key}"; allowed: ${allowed.join(', ')}`);
    }
    const values = params.getAll(key);
    if (values.length > 1) throw new FaasError('BAD_REQUEST', `query parameter "${key}" is given ${values.length} times; give it once`);
    out[key as K] = values[0];
  }
  return out;
}

export function requireParam(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new FaasError('BAD_REQUEST', `query parameter "${name}" is required`);
  return value;
}
