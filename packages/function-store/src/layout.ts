import { join } from 'node:path';
import { isValidFunctionId } from '@minifaas/protocol';

/**
 * On-disk layout under FAAS_DATA_DIR. The gateway writes it; workers only read it.
 *
 *   functions/<id>/meta.json     FunctionMeta
 *   functions/<id>/source        the source exactly as deployed
 *   functions/<id>/module.wasm   build output (c, rust, go)
 *   functions/<id>/env.json      environment given at deploy (mode 0600; only if any)
 *   staging/                     half-written versions; never read, cleared at start
 *   trash/                       deleted versions on their way out; cleared at start
 */
export function functionsDir(dataDir: string): string {
  return join(dataDir, 'functions');
}

export function stagingDir(dataDir: string): string {
  return join(dataDir, 'staging');
}

export function trashDir(dataDir: string): string {
  return join(dataDir, 'trash');
}

/** The folder of one version. Throws TypeError on an id that could escape the data dir. */
export function versionDir(dataDir: string, id: string): string {
  if (!isValidFunctionId(id)) throw new TypeError(`not a function id: ${JSON.stringify(id)}`);
  return join(functionsDir(dataDir), id);
}

export const META_FILE = 'meta.json';
export const SOURCE_FILE = 'source';
export const MODULE_FILE = 'module.wasm';
export const ENV_FILE = 'env.json';

/** What is stored about one deployed version. */
export interface FunctionMeta {
  id: string;
  name: string;
  lang: string;
  /** True when a module.wasm was built for it. */
  wasm: boolean;
  /** Source size in bytes. */
  size: number;
  /** Size of module.wasm in bytes, 0 when none. */
  wasmSize: number;
  createdAt: string;
  /** Milliseconds since the epoch with a per-process sequence, to order versions. */
  createdAtMs: number;
  seq: number;
  compileMs: number;
  /** Limits given at deploy that override the platform's defaults for this version. */
  limits: FunctionLimits;
  /** Names of the environment variables given at deploy; the values are in env.json only. */
  envNames?: string[];
}

export interface FunctionLimits {
  /** End-to-end deadline of an invocation. */
  timeoutMs?: number;
  /** WASM linear memory cap (set at build) or native process memory cap. */
  memoryMiB?: number;
}
