#!/usr/bin/env node
// The `minifaas` command. It runs the built CLI; `pnpm build` (or `npm start`) builds it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('minifaas: the CLI is not built yet; run `pnpm build` in the repository first\n');
  process.exit(1);
}
await import(entry.href);
