// `npm test`: set up what is missing (pnpm, dependencies, build, toolchains), then run every test
// of every package and app in one run of node's test runner, whose summary closes the output.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bootstrap, ROOT } from './bootstrap.mjs';
import { detectToolchains } from './toolchains.mjs';

bootstrap();
await ensureToolchains();

const files = findTests(process.argv.slice(2));
const result = spawnSync(
  process.execPath,
  ['--conditions=development', '--import', 'tsx', '--test', '--test-timeout=600000', ...files],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FAAS_LOG_LEVEL: process.env.FAAS_LOG_LEVEL ?? 'warn' } },
);
process.exit(result.status ?? 1);

/**
 * Every *.test.ts under apps/*/test, packages/*/test and test/; or only those matching filters.
 * test/containers needs the compose stack of `npm run test:containers` and is left to it.
 */
function findTests(filters) {
  const roots = [
    ...['apps', 'packages'].flatMap((dir) => readdirSync(join(ROOT, dir)).map((name) => join(ROOT, dir, name, 'test'))),
    join(ROOT, 'test'),
  ];
  const found = roots.filter(existsSync).flatMap(walk).filter((f) => f.endsWith('.test.ts')).sort();
  const chosen = filters.length ? found.filter((f) => filters.some((x) => f.includes(x))) : found;
  return chosen.map((f) => relative(ROOT, f));
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    ['fixtures', 'node_modules', 'containers'].includes(e.name) ? [] : e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The end-to-end tests need every toolchain: install them when we may, else say what to run. */
async function ensureToolchains() {
  const missing = Object.entries(await detectTestNeeds()).filter(([, t]) => !t.available);
  if (missing.length === 0) return;
  const names = missing.map(([lang]) => lang).join(', ');
  const isRoot = process.getuid?.() === 0;
  const canSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!isRoot && !canSudo) {
    process.stderr.write(`minifaas: toolchains missing for ${names}. Run: sudo scripts/install-toolchains.sh\n`);
    process.exit(1);
  }
  process.stderr.write(`minifaas: installing toolchains for ${names} (scripts/install-toolchains.sh)\n`);
  const install = spawnSync(isRoot ? 'bash' : 'sudo', [...(isRoot ? [] : ['bash']), join(ROOT, 'scripts/install-toolchains.sh')], { stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
  const still = Object.entries(await detectTestNeeds()).filter(([, t]) => !t.available);
  if (still.length > 0) {
    process.stderr.write(`minifaas: still missing after install: ${still.map(([l, t]) => `${l} (${t.detail})`).join('; ')}\n`);
    process.exit(1);
  }
}

/** The language toolchains, plus the chromium the dashboard's browser test drives. */
async function detectTestNeeds() {
  const browser = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.CHROMIUM_PATH].filter(Boolean).find(existsSync);
  return { ...(await detectToolchains()), chromium: { available: Boolean(browser), detail: 'no /usr/bin/chromium' } };
}
