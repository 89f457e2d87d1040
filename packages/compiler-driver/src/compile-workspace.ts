import { statSync } from 'node:fs';
import { chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { CacheLayout } from './compile-recipe.js';

/** The directories of one compile, as created on the host. */
export interface Workspace {
  /** Holds srcDir and scratchDir; removed after the compile. */
  root: string;
  /** The compiler's working dir: the source and the module it writes. */
  srcDir: string;
  /** HOME and TMPDIR: the compiler's own temp files. */
  scratchDir: string;
  /** The persistent build cache this compile uses. */
  cacheDir: string;
}

/**
 * Makes the source and scratch dirs inside root. With a uid, both are handed to it, and the cache
 * is a subdir of cacheDir that only that uid writes: cache files written by a compile as the
 * service's own user (FAAS_COMPILER_SANDBOX=none) would otherwise be read-only for it, and the
 * files it writes stay out of the way of such a compile.
 */
export async function layoutWorkspace(
  root: string,
  cacheDir: string,
  uid: number | undefined,
): Promise<Workspace> {
  const workspace = {
    root,
    srcDir: path.join(root, 'src'),
    scratchDir: path.join(root, 'tmp'),
    cacheDir: uid === undefined ? cacheDir : path.join(cacheDir, `uid-${uid}`),
  };
  await Promise.all([
    mkdir(workspace.srcDir),
    mkdir(workspace.scratchDir),
    mkdir(workspace.cacheDir, { recursive: true }),
  ]);
  if (uid !== undefined) {
    const owned = [root, workspace.srcDir, workspace.scratchDir, workspace.cacheDir];
    await Promise.all(owned.map((dir) => chown(dir, uid, uid)));
  }
  return workspace;
}

/** Creates what a recipe keeps in the cache, owned by the uid that compiles when one is given. */
export async function prepareCache(
  cacheDir: string,
  layout: CacheLayout | undefined,
  uid: number | undefined,
): Promise<void> {
  if (!layout) return;
  const created: string[] = [...layout.dirs];
  for (const dir of layout.dirs) await mkdir(path.join(cacheDir, dir), { recursive: true });
  for (const [file, content] of Object.entries(layout.files)) {
    const target = path.join(cacheDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current !== content) await writeFile(target, content);
    created.push(file);
  }
  if (uid === undefined) return;
  const paths = new Set(created.flatMap((relative) => withParents(relative)));
  for (const relative of paths) await chown(path.join(cacheDir, relative), uid, uid);
}

/** a/b/c → a, a/b, a/b/c */
function withParents(relative: string): string[] {
  const parts = relative.split(path.sep);
  return parts.map((_, i) => parts.slice(0, i + 1).join(path.sep));
}

/**
 * True when uid can walk down to target: every existing dir on the way is searchable by others
 * or owned by uid. Groups are not considered (setpriv clears them); neither are ACLs.
 */
export function reachableBy(uid: number, target: string): boolean {
  let dir = path.resolve(target);
  for (;;) {
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
    try {
      const stat = statSync(dir);
      const searchable = stat.uid === uid ? stat.mode & 0o100 : stat.mode & 0o001;
      if (!searchable) return false;
    } catch {
      // Not there yet: created later with the usual 0755.
    }
  }
}
