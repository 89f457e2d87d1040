import path from 'node:path';

export interface HostPaths {
  /** The compile's temp dir, as created and as resolved (they differ when TMPDIR is a symlink). */
  tempDirs: readonly string[];
  cacheDir: string;
  /** Roots of other temp files the tools print, such as clang's /tmp/main-1a2b3c.o. */
  tmpRoots: readonly string[];
}

/** clang names its intermediate object <source>-<6 hex>.o; the random part only adds noise. */
const CLANG_TEMP_OBJECT = /\b(main)-[0-9a-f]{6}\.o\b/g;

/**
 * Compiler output with this host's paths taken out, so a message reads `main.c:4:19: error: …`
 * and tells a user nothing about the server's directories.
 */
export function scrubHostPaths(text: string, paths: HostPaths): string {
  let scrubbed = text;
  // Longest first: /private/tmp/x contains /tmp/x.
  for (const dir of [...paths.tempDirs].sort((a, b) => b.length - a.length)) {
    scrubbed = scrubbed.replaceAll(`${dir}/`, '').replaceAll(dir, '.');
  }
  scrubbed = scrubbed.replaceAll(paths.cacheDir, '$CACHE');
  for (const root of new Set(paths.tmpRoots)) {
    const underRoot = new RegExp(`${escapeRegExp(root)}/[^\\s'"\`:()]+`, 'g');
    scrubbed = scrubbed.replace(underRoot, (match) => path.basename(match));
  }
  return scrubbed.replace(CLANG_TEMP_OBJECT, '$1.o');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
