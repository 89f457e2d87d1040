// Which language toolchains this host has, asked of the compiler driver and the worker's own
// interpreter search (after the build), so the launcher and the tests agree with the services.

/** { lang: { available, detail } } for all six languages that need a toolchain. */
export async function detectToolchains() {
  const { createCompilerDriver } = await import('../packages/compiler-driver/dist/index.js');
  // The worker's own search, so this report names the interpreters functions will really get.
  const { findInterpreter } = await import('../apps/worker/dist/index.js');
  const compiled = await createCompilerDriver({ env: process.env }).detect();
  const report = {};
  for (const [lang, t] of Object.entries(compiled)) {
    report[lang] = { available: t.available, detail: t.available ? `${t.command} ${t.version ?? ''}`.trim() : `${t.problem ?? 'missing'}; ${t.installHint}` };
  }
  for (const lang of ['js', 'python', 'php']) {
    try {
      report[lang] = { available: true, detail: findInterpreter(lang).path };
    } catch (err) {
      report[lang] = { available: false, detail: err.message };
    }
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
