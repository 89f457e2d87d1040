import { statSync } from 'node:fs';
import { join } from 'node:path';
import { MODULE_FILE } from '@minifaas/function-store';
import { missingFunction } from './run-types.js';

/**
 * Guards the warm module cache against deleted versions. Ids are immutable and never reissued
 * by a running gateway, but a version can be deleted (its id then must stop working at once, even
 * though its module is still loaded here) and, across a gateway restart, an id could come back
 * with other content. One stat per call (a few microseconds) tells both apart: a missing file,
 * or a file that is not the one loaded (another inode or mtime).
 */
export class ModuleStamps {
  readonly #seen = new Map<string, string>();

  /**
   * Throws FUNCTION_NOT_FOUND when the version's module is gone; calls `forget` when it changed
   * since it was last seen, so the cached module is not used.
   */
  check(functionId: string, versionDir: string, forget: (functionId: string) => void): void {
    let stamp: string;
    try {
      const stat = statSync(join(versionDir, MODULE_FILE));
      stamp = `${stat.ino}:${stat.mtimeMs}`;
    } catch (err) {
      this.#seen.delete(functionId);
      forget(functionId);
      throw missingFunction(err);
    }
    const previous = this.#seen.get(functionId);
    if (previous !== undefined && previous !== stamp) forget(functionId);
    this.#seen.set(functionId, stamp);
  }
}
