import { readFileSync } from 'node:fs';
import type { Request, Response } from 'express';

/** The dashboard's files, served as they are from apps/gateway/public (no build step). */
export const DASHBOARD_FILES: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/dashboard.js': 'dashboard.js',
  '/dashboard.css': 'dashboard.css',
};

const PUBLIC_DIR = new URL('../../public/', import.meta.url);
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/**
 * Only its own scripts, styles and API: no inline script, no framing by other pages, and nothing
 * a function's page (served sandboxed under /fn/) could reach with this origin's rights.
 */
const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves one dashboard file, read once at start. */
export function dashboardFile(file: string) {
  const body = readFileSync(new URL(file, PUBLIC_DIR));
  const type = TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream';
  return async (_req: Request, res: Response): Promise<void> => {
    res.setHeader('content-type', type);
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-security-policy', DASHBOARD_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.end(body);
  };
}
