import type { Request } from 'express';
import { FaasError, unsafeEnvName } from '@minifaas/protocol';

/** Request headers passed to a function as HTTP_<NAME>, besides every X-* header. */
const PASSED_HEADERS = new Set(['accept', 'accept-language', 'cookie', 'host', 'if-modified-since', 'if-none-match', 'origin', 'referer', 'user-agent']);
/** Never passed: the caller's credentials for the gateway itself. */
const WITHHELD_HEADERS = new Set(['authorization', 'proxy-authorization']);

/**
 * The CGI/1.1-style variables (RFC 3875) of one HTTP trigger call. `pathInfo` is the part of
 * the path after /fn/NAME, already decoded by the router.
 */
export function cgiEnv(req: Request, name: string, pathInfo: string, bodyBytes: number): Record<string, string> {
  const url = req.originalUrl;
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  if (pathInfo.includes('\0')) throw new FaasError('BAD_REQUEST', 'the path holds a NUL byte (%00)');
  const env: Record<string, string> = {
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
    SERVER_SOFTWARE: 'minifaas',
    // A HEAD runs the function as a GET; the gateway then drops the body (RFC 9110, 9.3.2).
    REQUEST_METHOD: req.method === 'HEAD' ? 'GET' : req.method,
    REQUEST_URI: url,
    SCRIPT_NAME: `/fn/${name}`,
    PATH_INFO: pathInfo,
    QUERY_STRING: query,
    REMOTE_ADDR: req.socket.remoteAddress ?? '',
  };
  const contentType = req.get('content-type');
  if (contentType !== undefined) env['CONTENT_TYPE'] = contentType;
  if (bodyBytes > 0 || req.get('content-length') !== undefined) env['CONTENT_LENGTH'] = String(bodyBytes);
  for (const [header, value] of Object.entries(req.headers)) {
    if (WITHHELD_HEADERS.has(header) || !(PASSED_HEADERS.has(header) || header.startsWith('x-'))) continue;
    // `X-Forwarded_For` would become HTTP_X_FORWARDED_FOR too, and override what a proxy set in
    // `X-Forwarded-For`: headers with `_` are dropped, as web servers do for CGI.
    if (header.includes('_')) continue;
    const variable = `HTTP_${header.toUpperCase().replaceAll('-', '_')}`;
    if (unsafeEnvName(variable) || value === undefined) continue;
    env[variable] = Array.isArray(value) ? value.join(', ') : value;
  }
  return env;
}

/** Response headers a function may set in its CGI header block; others are ignored. */
const SETTABLE = ['content-type', 'status', 'location', 'cache-control'] as const;
type Settable = (typeof SETTABLE)[number];
/** What a header value may hold (RFC 9110, 5.5): visible ASCII, space, tab and obs-text. */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** A header block is looked for only this far into the output. */
const MAX_HEADER_BLOCK_BYTES = 8192;

export interface HttpReply {
  status: number;
  headers: Partial<Record<Exclude<Settable, 'status'>, string>>;
  body: Buffer;
}

/**
 * Reads a function's output as an HTTP reply. An output whose first line is one of
 * `Content-Type:`, `Status:`, `Location:` or `Cache-Control:` starts a CGI header block that ends
 * at the first empty line; the rest is the body. Anything else is all body, as text/plain.
 */
export function parseCgiOutput(stdout: Buffer): HttpReply {
  const plain: HttpReply = { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: stdout };
  const head = stdout.subarray(0, MAX_HEADER_BLOCK_BYTES).toString('latin1');
  const end = /\r?\n\r?\n/.exec(head);
  if (!end || !/^(content-type|status|location|cache-control):/i.test(head)) return plain;
  const fields: Partial<Record<Settable, string>> = {};
  for (const line of head.slice(0, end.index).split(/\r?\n/)) {
    const match = /^([A-Za-z0-9-]+):[ \t]*(.*)$/.exec(line);
    // A value with control characters is no header (HTTP forbids them): the output is all body.
    if (!match || !FIELD_VALUE.test(match[2] as string)) return plain;
    const name = (match[1] as string).toLowerCase();
    if ((SETTABLE as readonly string[]).includes(name)) fields[name as Settable] = (match[2] as string).trim();
  }
  const body = stdout.subarray(end.index + end[0].length);
  const status = statusOf(fields.status) ?? (fields.location ? 302 : 200);
  const headers: HttpReply['headers'] = { 'content-type': fields['content-type'] || plain.headers['content-type'] };
  if (fields.location) headers.location = fields.location;
  if (fields['cache-control']) headers['cache-control'] = fields['cache-control'];
  return { status, headers, body };
}

function statusOf(value: string | undefined): number | undefined {
  const code = Number(/^(\d{3})\b/.exec(value ?? '')?.[1]);
  return code >= 200 && code <= 599 ? code : undefined;
}
