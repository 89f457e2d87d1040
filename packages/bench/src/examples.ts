import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Example {
  lang: string;
  file: string;
  /** For interpreted languages: the interpreter a bare per-call spawn compares against. */
  interpreter?: { names: string[]; args: string[] };
}

/** The hello functions of `examples/`, in the order the bench runs them. */
export const EXAMPLES: readonly Example[] = [
  { lang: 'c', file: 'hello.c' },
  { lang: 'rust', file: 'hello.rs' },
  { lang: 'go', file: 'hello.go' },
  { lang: 'js', file: 'hello.js', interpreter: { names: ['node', 'nodejs'], args: [] } },
  // -I as the worker runs it: no PYTHON* variables, no user site-packages.
  { lang: 'python', file: 'hello.py', interpreter: { names: ['python3'], args: ['-I'] } },
  { lang: 'php', file: 'hello.php', interpreter: { names: ['php'], args: [] } },
];

/** The interpreter the worker would pick: Debian's own directories first, then PATH. */
export function findExecutable(names: readonly string[]): string | undefined {
  const dirs = ['/usr/bin', '/usr/local/bin', ...(process.env['PATH'] ?? '').split(delimiter)];
  return dirs.flatMap((dir) => names.map((n) => join(dir, n))).find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
