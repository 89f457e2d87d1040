// Brings a fresh clone to a runnable state with nothing but Node.js 20: pnpm, dependencies and
// a build, each only when missing or stale. Used by `npm start` and `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';

function say(message) {
  process.stderr.write(`minifaas: ${message}\n`);
}

function run(cmd, args, options = {}) {
  // Set-up output goes to stderr, so a command's own stdout (`pnpm load -- --json`) stays clean.
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: ['inherit', 2, 2], ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

/** The pnpm to use: one on PATH at the pinned major, else installed globally, else through npx. */
export function pnpmCommand() {
  const version = tryOutput('pnpm', ['--version']);
  if (version && version.startsWith('10.')) return ['pnpm'];
  say(`installing pnpm@${PNPM_VERSION} (npm i -g)`);
  const installed = spawnSync('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`], { stdio: ['inherit', 2, 2] });
  if (installed.status === 0 && tryOutput('pnpm', ['--version'])?.startsWith('10.')) return ['pnpm'];
  say('could not install pnpm globally; using npx');
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function tryOutput(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureDependencies(pnpm) {
  const marker = join(ROOT, 'node_modules', '.modules.yaml');
  if (existsSync(marker) && mtime(marker) >= mtime(join(ROOT, 'pnpm-lock.yaml'))) return;
  say('installing dependencies');
  const [cmd, ...pre] = pnpm;
  run(cmd, [...pre, 'install', '--frozen-lockfile']);
}

/** Builds every package; turbo's cache makes this a no-op when nothing changed. */
export function ensureBuild(pnpm) {
  const [cmd, ...pre] = pnpm;
  run(cmd, [...pre, 'exec', 'turbo', 'run', 'build', '--output-logs=errors-only', '--log-prefix=none']);
}

export function bootstrap() {
  const pnpm = pnpmCommand();
  ensureDependencies(pnpm);
  ensureBuild(pnpm);
  return pnpm;
}
