import type { Request, Response } from 'express';
import {
  call,
  FaasError,
  isValidFunctionName,
  isWasmLanguage,
  LANGUAGES,
  resolveLanguage,
  type PrepareSummary__Output,
} from '@minifaas/protocol';
import type { GatewayContext } from '../context.js';
import { readFunctionEnv } from '../env-input.js';
import { readQuery, requireParam } from '../query.js';
import { describeVersion } from './functions.js';

/**
 * POST /deploy?name=NAME&lang=LANG — body is the source, kept byte for byte; the optional
 * X-Function-Env header gives the function environment variables.
 */
export function deployRoute(ctx: GatewayContext) {
  const deploy = deployHandler(ctx);
  return async (req: Request, res: Response): Promise<void> => {
    const lang = resolveLanguage(String(new URL(req.originalUrl, 'http://gateway').searchParams.get('lang') ?? '')) ?? 'unknown';
    try {
      const compileMs = await deploy(req, res);
      ctx.metrics.deploy(lang, 'ok', compileMs === undefined ? undefined : compileMs / 1000);
    } catch (err) {
      ctx.metrics.deploy(lang, err instanceof FaasError ? err.code : 'INTERNAL');
      throw err;
    }
  };
}

/** Deploys and answers; resolves to the compile time when there was a compile. */
function deployHandler(ctx: GatewayContext) {
  return async (req: Request, res: Response): Promise<number | undefined> => {
    const query = readQuery(req, ['name', 'lang', 'timeoutMs', 'memoryMiB']);
    const limits = {
      timeoutMs: optionalInt(query.timeoutMs, 'timeoutMs', 1, ctx.config.maxTimeoutMs),
      // Past what a worker has, a guest would take the worker down with it: FAAS_MAX_MEMORY_MIB.
      memoryMiB: optionalInt(query.memoryMiB, 'memoryMiB', 1, ctx.config.maxMemoryMiB),
    };
    const name = requireParam(query.name, 'name');
    if (!isValidFunctionName(name)) {
      throw new FaasError('INVALID_NAME', `"${name.slice(0, 80)}" is not a valid function name: use 1-63 letters, digits, _ or -, starting with a letter or digit`);
    }
    // Before compiling: the store checks again when it adds the version.
    ctx.store.checkName(name);
    const langParam = requireParam(query.lang, 'lang');
    const lang = resolveLanguage(langParam);
    if (!lang) {
      throw new FaasError('UNKNOWN_LANGUAGE', `unknown language "${langParam.slice(0, 40)}"; use one of ${LANGUAGES.join(', ')}`);
    }
    const source = bodyBytes(req);
    if (source.length > ctx.config.maxSourceBytes) {
      throw new FaasError('PAYLOAD_TOO_LARGE', `the source is ${source.length} bytes, over the ${ctx.config.maxSourceBytes} byte limit`);
    }
    if (source.toString('latin1').trim() === '') {
      const what = source.length === 0 ? 'empty' : `only whitespace (${source.length} bytes)`;
      throw new FaasError('EMPTY_SOURCE', `the request body is ${what}; send the function source as the body`);
    }
    const env = readFunctionEnv(req);

    let wasm: Buffer | undefined;
    let compileMs = 0;
    if (isWasmLanguage(lang)) {
      const memoryLimitBytes = limits.memoryMiB === undefined ? undefined : limits.memoryMiB * 1024 * 1024;
      const built = await ctx.compiler.compile(lang as 'c' | 'rust' | 'go', source, { memoryLimitBytes });
      wasm = built.wasm;
      compileMs = Math.round(built.durationMs);
    }
    const meta = await ctx.store.add({ name, lang, source, wasm, compileMs, limits: dropUndefined(limits), env });
    ctx.logger.info('function deployed', { id: meta.id, lang, size: meta.size, compileMs, envNames: meta.envNames?.length ?? 0 });
    const prepared = wasm && ctx.config.prepareTimeoutMs > 0 ? await prepareOnWorkers(ctx, { id: meta.id, name: meta.name, lang: meta.lang }) : undefined;
    res.status(201).json({ ok: true, ...describeVersion(meta), ...(prepared ? { prepared } : {}) });
    return wasm ? compileMs : undefined;
  };
}

/**
 * Loads the new module on every worker so the first call runs warm. Waits at most
 * `prepareTimeoutMs` and never fails the deploy: the function is stored and runs either way (a
 * worker that did not prepare loads the module on its first call).
 */
async function prepareOnWorkers(ctx: GatewayContext, fn: { id: string; name: string; lang: string }) {
  const started = performance.now();
  try {
    const summary = await call<PrepareSummary__Output>('the dispatcher', (md, o, cb) => ctx.dispatcher.Prepare({ function: fn }, md, o, cb), {
      deadline: Date.now() + ctx.config.prepareTimeoutMs,
    });
    return { workers: summary.prepared, of: summary.workers, ms: Math.round(performance.now() - started) };
  } catch (err) {
    ctx.logger.warn('prepare failed', { id: fn.id, error: err instanceof Error ? err.message : String(err) });
    return { workers: 0, of: null, ms: Math.round(performance.now() - started) };
  }
}

function optionalInt(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new FaasError('BAD_REQUEST', `${name} must be a whole number from ${min} to ${max}, not "${value.slice(0, 20)}"`);
  }
  return n;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The raw body as sent; an absent body is empty. */
export function bodyBytes(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
