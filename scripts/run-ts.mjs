// `pnpm bench`, `pnpm bench:smoke`, `pnpm load`: set up what is missing (pnpm, dependencies, a
// build, as `npm start` does), then run a TypeScript entry point with tsx, passing the rest of
// the arguments on. Usage: node scripts/run-ts.mjs ENTRY.ts [ARGS...]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bootstrap, ROOT } from './bootstrap.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.mjs ENTRY.ts [ARGS...]\n');
  process.exit(2);
}
bootstrap();
const result = spawnSync(process.execPath, ['--conditions=development', '--import', 'tsx', join(ROOT, entry), ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
