import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FaasError } from '@minifaas/protocol';
import {
  ENV_FILE,
  functionsDir,
  META_FILE,
  MODULE_FILE,
  SOURCE_FILE,
  stagingDir,
  trashDir,
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
  /** Environment variables for the function; stored apart from meta.json, readable by owner only. */
  env?: Readonly<Record<string, string>>;
}

export interface FunctionStoreOptions {
  /** Versions kept per name; deploying one more removes the oldest (default 10). */
  keepVersions?: number;
}

export const DEFAULT_KEEP_VERSIONS = 10;

/** Stored versions: the owner and its group (workers, in a container) read them, nobody else. */
const PRIVATE_DIR_MODE = 0o750;
const PRIVATE_FILE_MODE = 0o640;

/**
 * Deployed functions on disk plus an in-memory index of names to versions. A version becomes
 * visible by one rename of a fully written folder, and leaves by one rename into the trash, so
 * a crash mid-write or mid-delete never leaves a half function behind.
 */
export class FunctionStore {
  readonly dataDir: string;
  readonly keepVersions: number;
  readonly #byId = new Map<string, FunctionMeta>();
  readonly #byName = new Map<string, FunctionMeta[]>();
  readonly #env = new Map<string, Readonly<Record<string, string>>>();
  /**
   * Ids deleted while this process runs are never issued again: workers cache modules by id, so
   * a new version under a deleted id could be served the old module.
   */
  readonly #retired = new Set<string>();
  #seq = 0;

  constructor(dataDir: string, options: FunctionStoreOptions = {}) {
    this.dataDir = dataDir;
    this.keepVersions = options.keepVersions ?? DEFAULT_KEEP_VERSIONS;
    if (!(this.keepVersions >= 1)) throw new TypeError(`keepVersions must be at least 1, not ${this.keepVersions}`);
  }

  /** Reads every stored version and clears staging and trash left by a crash. */
  async open(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    // Nobody but this user and its group (the workers in a container) may look inside: native
    // functions run under uids of their own and must not read other functions' code. A folder
    // this process does not own (EPERM) keeps its mode; docs/limits.md says so.
    await chmod(this.dataDir, PRIVATE_DIR_MODE).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPERM') throw err;
    });
    for (const dir of [stagingDir(this.dataDir), trashDir(this.dataDir)]) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    }
    await mkdir(functionsDir(this.dataDir), { recursive: true });
    for (const entry of await readdir(functionsDir(this.dataDir))) {
      const dir = join(functionsDir(this.dataDir), entry);
      const meta = await readMeta(dir).catch(() => undefined);
      if (!meta || meta.id !== entry) continue;
      if (meta.envNames?.length) this.#env.set(meta.id, await readEnv(dir));
      this.#index({ ...meta, limits: meta.limits ?? {} });
    }
  }

  get count(): number {
    return this.#byId.size;
  }

  /**
   * An id matches exactly first; otherwise a name means its latest version. Names and ids never
   * overlap (`checkName`, and `#publish` skips ids that are names), so the order matters only for
   * data stored before that rule.
   */
  resolve(idOrName: string): FunctionMeta | undefined {
    return this.#byId.get(idOrName) ?? this.latest(idOrName);
  }

  latest(name: string): FunctionMeta | undefined {
    const versions = this.#byName.get(name);
    return versions?.[versions.length - 1];
  }

  /** Every version of a name, oldest first. */
  versions(name: string): readonly FunctionMeta[] {
    return this.#byName.get(name) ?? [];
  }

  /** Every name with at least one version, sorted. */
  names(): string[] {
    return [...this.#byName.keys()].sort();
  }

  /** The environment given at deploy for this version (empty when none). */
  env(id: string): Readonly<Record<string, string>> {
    return this.#env.get(id) ?? {};
  }

  async readSource(meta: FunctionMeta): Promise<Buffer> {
    return readFile(join(versionDir(this.dataDir, meta.id), SOURCE_FILE));
  }

  /**
   * Throws INVALID_NAME when a name is the id of a stored version: under that name the function
   * could not be reached (ids resolve first), and GET and DELETE would mean different things.
   */
  checkName(name: string): void {
    const owner = this.#byId.get(name);
    if (owner) {
      throw new FaasError('INVALID_NAME', `"${name}" is the id of a version of ${owner.name}; pick another name`);
    }
  }

  /**
   * Stores a new immutable version under a fresh id and returns its metadata; versions of the
   * same name past `keepVersions` are removed, oldest first.
   */
  async add(version: NewVersion): Promise<FunctionMeta> {
    this.checkName(version.name);
    const staging = join(stagingDir(this.dataDir), randomUUID());
    await mkdir(staging, { recursive: true, mode: PRIVATE_DIR_MODE });
    let meta: FunctionMeta;
    try {
      await writeFile(join(staging, SOURCE_FILE), version.source, { mode: PRIVATE_FILE_MODE });
      if (version.wasm) await writeFile(join(staging, MODULE_FILE), version.wasm, { mode: PRIVATE_FILE_MODE });
      if (version.env && Object.keys(version.env).length > 0) {
        // TODO: stored in plain text (owner-only file); anyone who can read FAAS_DATA_DIR can read
        // them until there is a secret store to encrypt them with.
        await writeFile(join(staging, ENV_FILE), JSON.stringify(version.env), { mode: 0o600 });
      }
      meta = await this.#publish(staging, version);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    const surplus = this.versions(version.name).length - this.keepVersions;
    for (const old of this.versions(version.name).slice(0, Math.max(0, surplus))) await this.remove(old.id);
    return meta;
  }

  /**
   * Deletes one version: it stops resolving at once, then its folder is moved to the trash in
   * one rename and removed. Resolves to its metadata, or undefined when no version has this id.
   */
  async remove(id: string): Promise<FunctionMeta | undefined> {
    const meta = this.#byId.get(id);
    if (!meta) return undefined;
    this.#unindex(meta);
    const doomed = join(trashDir(this.dataDir), randomUUID());
    try {
      await rename(versionDir(this.dataDir, id), doomed);
    } catch (err) {
      // Already gone from the disk (removed by hand): it is gone from the index now too.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await rm(doomed, { recursive: true, force: true });
    return meta;
  }

  /** Deletes every version of a name; resolves to what was deleted, oldest first. */
  async removeName(name: string): Promise<FunctionMeta[]> {
    const removed: FunctionMeta[] = [];
    for (const meta of [...this.versions(name)]) {
      if (await this.remove(meta.id)) removed.push(meta);
    }
    return removed;
  }

  async #publish(staging: string, version: NewVersion): Promise<FunctionMeta> {
    const now = Date.now();
    const unixSeconds = Math.floor(now / 1000);
    // Ids are name_<unix seconds>; a second deploy in the same second gets _2, _3, ...
    for (let n = 1; n < 1000; n++) {
      const id = n === 1 ? `${version.name}_${unixSeconds}` : `${version.name}_${unixSeconds}_${n}`;
      // Nor the name of a function: `/fn/<id>` would then run this one instead of that one.
      if (this.#byId.has(id) || this.#retired.has(id) || this.#byName.has(id)) continue;
      const meta = this.#meta(id, version, now);
      await writeFile(join(staging, META_FILE), JSON.stringify(meta, null, 2), { mode: PRIVATE_FILE_MODE });
      try {
        await rename(staging, versionDir(this.dataDir, id));
      } catch (err) {
        if (isTaken(err)) continue;
        throw err;
      }
      if (meta.envNames?.length && version.env) this.#env.set(id, { ...version.env });
      this.#index(meta);
      return meta;
    }
    throw new FaasError('INTERNAL', `could not find a free id for ${version.name}`);
  }

  #meta(id: string, version: NewVersion, now: number): FunctionMeta {
    const envNames = Object.keys(version.env ?? {}).sort();
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
      ...(envNames.length > 0 ? { envNames } : {}),
    };
  }

  #index(meta: FunctionMeta): void {
    this.#byId.set(meta.id, meta);
    const versions = this.#byName.get(meta.name) ?? [];
    versions.push(meta);
    versions.sort((a, b) => a.createdAtMs - b.createdAtMs || a.seq - b.seq || a.id.localeCompare(b.id));
    this.#byName.set(meta.name, versions);
  }

  #unindex(meta: FunctionMeta): void {
    this.#byId.delete(meta.id);
    this.#env.delete(meta.id);
    this.#retired.add(meta.id);
    const left = this.versions(meta.name).filter((v) => v.id !== meta.id);
    if (left.length > 0) this.#byName.set(meta.name, left);
    else this.#byName.delete(meta.name);
  }
}

async function readMeta(dir: string): Promise<FunctionMeta> {
  return JSON.parse(await readFile(join(dir, META_FILE), 'utf8')) as FunctionMeta;
}

async function readEnv(dir: string): Promise<Record<string, string>> {
  return JSON.parse(await readFile(join(dir, ENV_FILE), 'utf8')) as Record<string, string>;
}

/** rename() onto an existing non-empty folder fails with ENOTEMPTY or EEXIST. */
function isTaken(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST';
}
