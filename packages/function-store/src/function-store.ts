import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FaasError } from '@minifaas/protocol';
import {
  functionsDir,
  META_FILE,
  MODULE_FILE,
  SOURCE_FILE,
  stagingDir,
  versionDir,
  type FunctionLimits,
  type FunctionMeta,
} from './layout.js';

export interface NewVersion {
  name: string;
  lang: string;
  source: Buffer;
  wasm?: Buffer;
  compileMs: number;
  limits?: FunctionLimits;
}

/**
 * Deployed functions on disk plus an in-memory index of names to versions. A version becomes
 * visible by one rename of a fully written folder, so a crash mid-write never leaves a half
 * function behind.
 */
export class FunctionStore {
  readonly dataDir: string;
  readonly #byId = new Map<string, FunctionMeta>();
  readonly #byName = new Map<string, FunctionMeta[]>();
  #seq = 0;

  constructor(dataDir: string) {
    this.dataDir = dataDir;
  }

  /** Reads every stored version and clears staging left by a crash. */
  async open(): Promise<void> {
    await rm(stagingDir(this.dataDir), { recursive: true, force: true });
    await mkdir(stagingDir(this.dataDir), { recursive: true });
    await mkdir(functionsDir(this.dataDir), { recursive: true });
    for (const entry of await readdir(functionsDir(this.dataDir))) {
      const meta = await readMeta(join(functionsDir(this.dataDir), entry)).catch(() => undefined);
      if (meta && meta.id === entry) this.#index({ ...meta, limits: meta.limits ?? {} });
    }
  }

  get count(): number {
    return this.#byId.size;
  }

  /** An id matches exactly first; otherwise a name means its latest version. */
  resolve(idOrName: string): FunctionMeta | undefined {
    return this.#byId.get(idOrName) ?? this.latest(idOrName);
  }

  latest(name: string): FunctionMeta | undefined {
    const versions = this.#byName.get(name);
    return versions?.[versions.length - 1];
  }

  versions(name: string): readonly FunctionMeta[] {
    return this.#byName.get(name) ?? [];
  }

  async readSource(meta: FunctionMeta): Promise<Buffer> {
    return readFile(join(versionDir(this.dataDir, meta.id), SOURCE_FILE));
  }

  /** Stores a new immutable version under a fresh id and returns its metadata. */
  async add(version: NewVersion): Promise<FunctionMeta> {
    const staging = join(stagingDir(this.dataDir), randomUUID());
    await mkdir(staging, { recursive: true });
    try {
      await writeFile(join(staging, SOURCE_FILE), version.source);
      if (version.wasm) await writeFile(join(staging, MODULE_FILE), version.wasm);
      return await this.#publish(staging, version);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }

  async #publish(staging: string, version: NewVersion): Promise<FunctionMeta> {
    const now = Date.now();
    const unixSeconds = Math.floor(now / 1000);
    // Ids are name_<unix seconds>; a second deploy in the same second gets _2, _3, ...
    for (let n = 1; n < 1000; n++) {
      const id = n === 1 ? `${version.name}_${unixSeconds}` : `${version.name}_${unixSeconds}_${n}`;
      if (this.#byId.has(id)) continue;
      const meta = this.#meta(id, version, now);
      await writeFile(join(staging, META_FILE), JSON.stringify(meta, null, 2));
      try {
        await rename(staging, versionDir(this.dataDir, id));
      } catch (err) {
        if (isTaken(err)) continue;
        throw err;
      }
      this.#index(meta);
      return meta;
    }
    throw new FaasError('INTERNAL', `could not find a free id for ${version.name}`);
  }

  #meta(id: string, version: NewVersion, now: number): FunctionMeta {
    return {
      id,
      name: version.name,
      lang: version.lang,
      wasm: version.wasm !== undefined,
      size: version.source.length,
      wasmSize: version.wasm?.length ?? 0,
      createdAt: new Date(now).toISOString(),
      createdAtMs: now,
      seq: ++this.#seq,
      compileMs: version.compileMs,
      limits: version.limits ?? {},
    };
  }

  #index(meta: FunctionMeta): void {
    this.#byId.set(meta.id, meta);
    const versions = this.#byName.get(meta.name) ?? [];
    versions.push(meta);
    versions.sort((a, b) => a.createdAtMs - b.createdAtMs || a.seq - b.seq || a.id.localeCompare(b.id));
    this.#byName.set(meta.name, versions);
  }
}

async function readMeta(dir: string): Promise<FunctionMeta> {
  return JSON.parse(await readFile(join(dir, META_FILE), 'utf8')) as FunctionMeta;
}

/** rename() onto an existing non-empty folder fails with ENOTEMPTY or EEXIST. */
function isTaken(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST';
}
