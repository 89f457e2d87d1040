import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { FaasError } from '@minifaas/protocol';

export type NativeLanguage = 'js' | 'python' | 'php';

interface InterpreterSpec {
  envVar: string;
  names: string[];
  args: string[];
  fileName: string;
  installHint: string;
}

const SPECS: Record<NativeLanguage, InterpreterSpec> = {
  js: { envVar: 'FAAS_NODE', names: ['node', 'nodejs'], args: [], fileName: 'main.js', installHint: 'install Node.js 20 (Debian: apt-get install nodejs)' },
  // -I: ignore PYTHON* variables and the user's site-packages.
  python: { envVar: 'FAAS_PYTHON', names: ['python3'], args: ['-I'], fileName: 'main.py', installHint: 'apt-get install python3' },
  php: { envVar: 'FAAS_PHP', names: ['php'], args: [], fileName: 'main.php', installHint: 'apt-get install php-cli' },
};

export interface Interpreter {
  path: string;
  args: string[];
  fileName: string;
  /** V8 reserves far more address space than it uses: cap its heap instead of RLIMIT_AS. */
  v8: boolean;
}

/**
 * Debian's own locations come first: bubblewrap shows the function only /usr, so an interpreter
 * from a version manager under $HOME (pyenv, nvm) would not be found inside the sandbox.
 */
const SYSTEM_DIRS = ['/usr/bin', '/usr/local/bin'];

const found = new Map<NativeLanguage, Interpreter>();

/**
 * Finds the interpreter for a language: the path in its FAAS_ variable, else the first match on
 * PATH. Throws TOOLCHAIN_MISSING (503) with the install command when there is none.
 */
export function findInterpreter(lang: NativeLanguage, env: Readonly<Record<string, string | undefined>> = process.env): Interpreter {
  const cached = found.get(lang);
  if (cached) return cached;
  const spec = SPECS[lang];
  const candidates = env[spec.envVar]
    ? [env[spec.envVar] as string]
    : [...SYSTEM_DIRS, ...(env['PATH'] ?? '').split(delimiter)].flatMap((dir) => spec.names.map((n) => join(dir, n)));
  const path = candidates.filter(Boolean).find(isExecutable);
  if (!path) {
    throw new FaasError('TOOLCHAIN_MISSING', `no ${spec.names[0]} interpreter for ${lang} on this worker: ${spec.installHint}, or set ${spec.envVar}`);
  }
  const interpreter = { path, args: spec.args, fileName: spec.fileName, v8: lang === 'js' };
  found.set(lang, interpreter);
  return interpreter;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
