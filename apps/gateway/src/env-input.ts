import type { Request } from 'express';
import { FaasError, reservedEnvName } from '@minifaas/protocol';

/** Header carrying a deploy's environment variables as one JSON object of strings. */
export const ENV_HEADER = 'x-function-env';
export const MAX_ENV_VARS = 64;
export const MAX_ENV_VALUE_BYTES = 4096;
export const MAX_ENV_TOTAL_BYTES = 8192;

/**
 * The environment a deploy gives its function, from the X-Function-Env header (a JSON object of
 * strings), or undefined without the header. A header rather than the query string: URLs end up
 * in proxy logs and shell history. Throws BAD_REQUEST saying which variable is wrong and why.
 */
export function readFunctionEnv(req: Request): Record<string, string> | undefined {
  const raw = req.get(ENV_HEADER);
  if (raw === undefined) return undefined;
  // Node reads header bytes as latin1; a client may send UTF-8 as it is.
  const parsed = parseJson(Buffer.from(raw, 'latin1').toString('utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw bad(`${ENV_HEADER} must be a JSON object such as {"API_URL":"https://example.com"}`);
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length > MAX_ENV_VARS) throw bad(`${ENV_HEADER} has ${entries.length} variables; at most ${MAX_ENV_VARS}`);
  let total = 0;
  for (const [name, value] of entries) {
    const problem = reservedEnvName(name);
    if (problem) throw bad(`environment variable name "${name.slice(0, 60)}" is not allowed: ${problem}`);
    if (typeof value !== 'string') throw bad(`environment variable ${name} must be a string, not ${typeof value}`);
    if (value.includes('\0')) throw bad(`environment variable ${name} holds a NUL byte`);
    const bytes = Buffer.byteLength(value);
    if (bytes > MAX_ENV_VALUE_BYTES) throw bad(`environment variable ${name} is ${bytes} bytes; at most ${MAX_ENV_VALUE_BYTES}`);
    total += bytes + Buffer.byteLength(name);
  }
  if (total > MAX_ENV_TOTAL_BYTES) throw bad(`the environment variables add up to ${total} bytes; at most ${MAX_ENV_TOTAL_BYTES}`);
  return Object.fromEntries(entries) as Record<string, string>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Never echo the header: it holds secrets.
    throw bad(`${ENV_HEADER} is not valid JSON; send one object of strings`);
  }
}

const bad = (message: string) => new FaasError('BAD_REQUEST', message);
