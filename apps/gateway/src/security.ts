import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { FaasError } from '@minifaas/protocol';

export interface Tokens {
  /** Needed to deploy, delete and change settings, when set. */
  apiToken?: string;
  /** Needed to invoke, when set (the API token works too). */
  invokeToken?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses requests whose Host header names a host this gateway was not told it serves. A page
 * on a domain the attacker controls can re-point that domain at 127.0.0.1 (DNS rebinding) and
 * then talk to the gateway as its own origin: the cross-site checks below would let it deploy,
 * and it could read every reply. Such a request still says the attacker's name in Host. IP
 * addresses and localhost are always accepted (nobody can rebind those), as is a missing Host
 * (no browser sends one); other names must be listed in FAAS_ALLOWED_HOSTS.
 */
export function allowHosts(allowed: readonly string[]) {
  const any = allowed.includes('*');
  const names = new Set(allowed);
  return (req: Request, _res: Response, next: NextFunction): void => {
    const host = req.get('host');
    if (any || host === undefined || isAlwaysAllowed(host, names)) return next();
    next(
      new FaasError(
        'FORBIDDEN',
        `this gateway does not answer to the host name in the request (${host.slice(0, 100)}); add it to FAAS_ALLOWED_HOSTS to serve it`,
      ),
    );
  };
}

function isAlwaysAllowed(host: string, names: ReadonlySet<string>): boolean {
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (hostname.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)) return true;
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  return names.has(hostname);
}

/**
 * A web page in the user's browser must not be able to deploy or invoke on a gateway at
 * 127.0.0.1 behind the user's back. Browsers say where a request comes from (Sec-Fetch-Site,
 * Origin); anything but the gateway's own origin is refused on routes that change or run
 * something. curl and other non-browser clients send neither header and pass.
 */
export function refuseCrossSite(req: Request, _res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return next(new FaasError('FORBIDDEN', `cross-site requests (${site}) may not ${req.method} ${req.path}; use the API from a script or the dashboard`));
  }
  const origin = req.get('origin');
  if (origin !== undefined && !sameOrigin(origin, req)) {
    return next(new FaasError('FORBIDDEN', `requests from ${origin.slice(0, 100)} may not ${req.method} ${req.path}`));
  }
  next();
}

function sameOrigin(origin: string, req: Request): boolean {
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

/**
 * Middleware demanding one of the given tokens as `Authorization: Bearer <token>`, if any is set.
 * `names` says in the refusal which setting holds the token (FAAS_API_TOKEN, FAAS_INVOKE_TOKEN).
 */
export function requireToken(names: string, ...tokens: Array<string | undefined>) {
  const wanted = tokens.filter((t): t is string => Boolean(t));
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (wanted.length === 0) return next();
    const presented = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim() ?? '';
    // Every token is compared, in constant time, so timing says nothing about which matched.
    const matches = wanted.map((t) => constantTimeEqual(presented, t)).some(Boolean);
    if (!matches) {
      return next(new FaasError('UNAUTHORIZED', `this route needs \`Authorization: Bearer <token>\` with the gateway's ${names}`));
    }
    next();
  };
}

/** Compares digests so neither the content nor the length of the token leaks through timing. */
function constantTimeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
