import type { Request, Response } from 'express';
import { FaasError } from '@minifaas/protocol';
import type { GatewayContext } from '../context.js';
import { encodeBytes } from '../encoding.js';

/** GET /function/:name — the latest version of a function (an exact id works too). */
export function getFunctionRoute(ctx: GatewayContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const name = String(req.params['name']);
    const meta = ctx.store.resolve(name);
    if (!meta) throw new FaasError('FUNCTION_NOT_FOUND', `function "${name.slice(0, 80)}" not found; deploy it first`);
    const code = encodeBytes(await ctx.store.readSource(meta));
    res.json({
      ok: true,
      id: meta.id,
      name: meta.name,
      lang: meta.lang,
      size: meta.size,
      code: code.text,
      ...(code.encoding === 'base64' ? { codeEncoding: 'base64' } : {}),
      wasm: meta.wasm,
      createdAt: meta.createdAt,
      versions: ctx.store.versions(meta.name).length,
    });
  };
}
