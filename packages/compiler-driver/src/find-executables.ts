import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** True when path is a regular file this process may execute. */
export async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Every executable called one of `names` on PATH, then the well-known paths, in that order.
 * Paths that resolve to the same file (/bin and /usr/bin on merged-/usr systems) appear once.
 */
export async function findExecutables(
  names: readonly string[],
  pathEnv: string | undefined,
  wellKnown: readonly string[],
): Promise<string[]> {
  // Relative entries (such as '.') would make the choice depend on the service's cwd.
  const dirs = (pathEnv ?? '').split(path.delimiter).filter((dir) => path.isAbsolute(dir));
  const candidates = [...dirs.flatMap((dir) => names.map((n) => path.join(dir, n))), ...wellKnown];
  const seen = new Set<string>();
  const found: string[] = [];
  for (const candidate of candidates) {
    if (!(await isExecutable(candidate))) continue;
    const real = await realpath(candidate);
    if (seen.has(real)) continue;
    seen.add(real);
    found.push(candidate);
  }
  return found;
}
