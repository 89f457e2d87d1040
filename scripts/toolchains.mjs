// Which language toolchains this host has, asked of the compiler driver itself (after the build)
// so the launcher and the tests agree with what the gateway will find.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const INTERPRETERS = { js: ['node', 'nodejs'], python: ['python3'], php: ['php'] };

function onPath(names) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // keep looking
      }
    }
  }
  return undefined;
}

/** { lang: { available, detail } } for all six languages that need a toolchain. */
export async function detectToolchains() {
  const { createCompilerDriver } = await import('../packages/compiler-driver/dist/index.js');
  const compiled = await createCompilerDriver({ env: process.env }).detect();
  const report = {};
  for (const [lang, t] of Object.entries(compiled)) {
    report[lang] = { available: t.available, detail: t.available ? `${t.command} ${t.version ?? ''}`.trim() : `${t.problem ?? 'missing'}; ${t.installHint}` };
  }
  for (const [lang, names] of Object.entries(INTERPRETERS)) {
    const path = onPath(names);
    report[lang] = { available: Boolean(path), detail: path ?? `no ${names[0]} on PATH; run scripts/install-toolchains.sh` };
  }
  return report;
}

export async function toolchainReport() {
  const report = await detectToolchains();
  const missing = Object.entries(report).filter(([, t]) => !t.available);
  if (missing.length === 0) return '  languages   c rust go js python php html (all toolchains found)';
  return [
    `  languages   ${Object.entries(report).filter(([, t]) => t.available).map(([l]) => l).join(' ')} html`,
    ...missing.map(([lang, t]) => `  missing     ${lang}: ${t.detail}`),
    '              install them with: sudo scripts/install-toolchains.sh',
  ].join('\n');
}
