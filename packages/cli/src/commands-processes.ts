import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { CliIo } from './io.js';

/**
 * Runs a node script of the repository in the foreground, passing SIGINT and SIGTERM on, and
 * resolves with its exit status.
 */
function runNode(io: CliIo, args: string[], env: Record<string, string | undefined>): Promise<number> {
  const child = spawn(process.execPath, args, { cwd: io.rootDir, stdio: 'inherit', env: { ...io.env, ...env } });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** `up [STRATEGY]`: what `npm start` does (scripts/start.mjs), in the foreground. */
export function up(io: CliIo, strategy: string | undefined): Promise<number> {
  return runNode(io, [join(io.rootDir, 'scripts', 'start.mjs'), ...(strategy ? [strategy] : [])], {});
}

/**
 * `load ...`: the load injector of packages/bench (`pnpm load`), aimed at FAAS_URL; it takes the
 * token from FAAS_INVOKE_TOKEN or FAAS_API_TOKEN in the environment it inherits.
 */
export function load(io: CliIo, args: string[], url: string): Promise<number> {
  const hasUrl = args.some((a) => a === '--url' || a.startsWith('--url='));
  const script = join(io.rootDir, 'packages', 'bench', 'src', 'load-cli.ts');
  return runNode(io, ['--conditions=development', '--import', 'tsx', script, ...args, ...(hasUrl ? [] : ['--url', url])], {});
}
