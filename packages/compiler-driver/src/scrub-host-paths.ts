import path from 'node:path';

export interface HostPaths {
  /**
   * The compile's source dir under every name it has: as created, as resolved (they differ when
   * TMPDIR is a symlink) and as mounted in the sandbox (/src).
   */
  tempDirs: readonly string[];
  /** The build cache: the configured dir, the per-uid subdir in use, the sandbox's /cache. */
  cacheDirs: readonly string[];
  /** Roots of other temp files the tools print, such as clang's /tmp/main-1a2b3c.o. */
  tmpRoots: readonly string[];
}

/** clang names its intermediate object <source>-<6 hex>.o; the random part only adds noise. */
const CLANG_TEMP_OBJECT = /\b(main)-[0-9a-f]{6}\.o\b/g;
/** A path starts here only if it is not the tail of a longer one: /src, but not /usr/src. */
const PATH_START = String.raw`(?<![\w.~/-])`;
const PATH_END = String.raw`(?![\w.~-])`;

/**
 * Compiler output with this host's paths taken out, so a message reads `main.c:4:19: error: …`
 * and tells a user nothing about the server's directories.
 */
export function scrubHostPaths(text: string, paths: HostPaths): string {
  let scrubbed = text;
  // Longest first: /private/tmp/x contains /tmp/x.
  for (const dir of longestFirst(paths.tempDirs)) {
    scrubbed = scrubbed.replace(pathPattern(dir, `(/|${PATH_END})`), (_, slash: string) =>
      slash === '/' ? '' : '.',
    );
  }
  for (const dir of longestFirst(paths.cacheDirs)) {
    scrubbed = scrubbed.replace(pathPattern(dir, PATH_END), '$$CACHE');
  }
  for (const root of longestFirst(paths.tmpRoots)) {
    scrubbed = scrubbed.replace(pathPattern(root, `/[^\\s'"\`:()]+`), (match) =>
      path.basename(match),
    );
  }
  return scrubbed.replace(CLANG_TEMP_OBJECT, '$1.o');
}

function longestFirst(dirs: readonly string[]): string[] {
  return [...new Set(dirs)].sort((a, b) => b.length - a.length);
}

function pathPattern(dir: string, after: string): RegExp {
  return new RegExp(`${PATH_START}${escapeRegExp(dir)}${after}`, 'g');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
