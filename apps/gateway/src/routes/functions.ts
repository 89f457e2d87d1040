import type { Request, Response } from 'express';
import type { FunctionMeta } from '@minifaas/function-store';
import { FaasError } from '@minifaas/protocol';
import type { GatewayContext } from '../context.js';
import { encodeBytes } from '../encoding.js';

/** The function an id or name names (an id first, else a name's latest version), or 404. */
export function findFunction(ctx: GatewayContext, idOrName: string): FunctionMeta {
  const meta = ctx.store.resolve(idOrName);
  if (!meta) {
    throw new FaasError('FUNCTION_NOT_FOUND', `function "${idOrName.slice(0, 80)}" not found: no deployed function has this id or name; deploy it first`);
  }
  return meta;
}

/** The versions of a name, newest first, or 404 when it has none. */
function versionsOf(ctx: GatewayContext, name: string): FunctionMeta[] {
  const versions = [...ctx.store.versions(name)].reverse();
  if (versions.length === 0) throw new FaasError('FUNCTION_NOT_FOUND', `no function is named "${name.slice(0, 80)}"; GET /functions lists them`);
  return versions;
}

/** What the API shows of one version: never the environment's values, only its names. */
export function describeVersion(meta: FunctionMeta) {
  return {
    id: meta.id,
    name: meta.name,
    lang: meta.lang,
    size: meta.size,
    wasm: meta.wasm,
    wasmSize: meta.wasmSize,
    compileMs: meta.compileMs,
    createdAt: meta.createdAt,
    limits: meta.limits,
    env: meta.envNames ?? [],
  };
}

/** GET /function/:name — the latest version of a function (an exact id works too). */
export function getFunctionRoute(ctx: GatewayContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const meta = findFunction(ctx, String(req.params['name']));
    const code = encodeBytes(await ctx.store.readSource(meta));
    res.json({
      ok: true,
      ...describeVersion(meta),
      code: code.text,
      ...(code.encoding === 'base64' ? { codeEncoding: 'base64' } : {}),
      versions: ctx.store.versions(meta.name).length,
    });
  };
}

/** One function name with its latest version, as GET /functions and the dashboard show it. */
export function summarizeFunction(ctx: GatewayContext, name: string) {
  const versions = ctx.store.versions(name);
  const latest = versions[versions.length - 1] as FunctionMeta;
  return {
    name,
    latestId: latest.id,
    lang: latest.lang,
    versions: versions.length,
    createdAt: versions[0]?.createdAt,
    updatedAt: latest.createdAt,
  };
}

/** GET /functions — every function name with its latest version. */
export function listFunctionsRoute(ctx: GatewayContext) {
  return async (_req: Request, res: Response): Promise<void> => {
    res.json({ ok: true, functions: ctx.store.names().map((name) => summarizeFunction(ctx, name)) });
  };
}

/** GET /function/:name/versions — every kept version, newest first. */
export function listVersionsRoute(ctx: GatewayContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const name = String(req.params['name']);
    res.json({ ok: true, name, versions: versionsOf(ctx, name).map(describeVersion) });
  };
}

/** DELETE /function/:name — every version; the name stops being invocable at once. */
export function deleteFunctionRoute(ctx: GatewayContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const name = String(req.params['name']);
    versionsOf(ctx, name);
    const removed = await ctx.store.removeName(name);
    ctx.history.forget(name);
    ctx.logger.info('function deleted', { name, versions: removed.length });
    res.json({ ok: true, name, deleted: removed.map((m) => m.id), latestId: null });
  };
}

/** DELETE /function/:name/versions/:id — one version; the name falls back to the one before. */
export function deleteVersionRoute(ctx: GatewayContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const name = String(req.params['name']);
    const id = String(req.params['id']);
    if (!versionsOf(ctx, name).some((m) => m.id === id)) {
      throw new FaasError('FUNCTION_NOT_FOUND', `"${name.slice(0, 80)}" has no version "${id.slice(0, 80)}"; GET /function/${name.slice(0, 80)}/versions lists them`);
    }
    await ctx.store.remove(id);
    const latest = ctx.store.latest(name);
    if (!latest) ctx.history.forget(name);
    ctx.logger.info('function version deleted', { name, id });
    res.json({ ok: true, name, deleted: [id], latestId: latest?.id ?? null });
  };
}

/** GET /function/:name/invocations — the last invocations, newest first, from memory. */
export function listInvocationsRoute(ctx: GatewayContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const name = String(req.params['name']);
    versionsOf(ctx, name);
    res.json({ ok: true, name, invocations: ctx.history.list(name) });
  };
}
