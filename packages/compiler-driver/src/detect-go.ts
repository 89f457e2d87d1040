import { readdir } from 'node:fs/promises';

import { goConfigWithTelemetryOff } from './go-telemetry-off.js';
import { INSTALL_HINTS } from './install-hints.js';
import { pickToolchain, type CandidateCheck, type DetectEnv } from './pick-toolchain.js';
import { runProbe } from './run-probe.js';
import type { ToolchainStatus } from './types.js';

/** GOOS=wasip1 first shipped in Go 1.21. */
const MIN_MINOR = 21;
/** Debian installs each Go release as /usr/lib/go-1.N (golang-1.N-go), outside PATH. */
const DEBIAN_GO_DIR = /^go-1\.(\d+)$/;

/** Finds a go (1.21 or newer) that can build GOOS=wasip1 GOARCH=wasm. */
export async function detectGo(env: DetectEnv, cacheDir: string): Promise<ToolchainStatus> {
  let configDir: string;
  try {
    configDir = await goConfigWithTelemetryOff(cacheDir);
  } catch (err) {
    const problem = `the Go build cache ${cacheDir} cannot be written: ${String(err)}`;
    return { lang: 'go', available: false, problem, installHint: INSTALL_HINTS.go };
  }
  const wellKnown = [...(await debianGoBinaries()), '/usr/lib/go/bin/go', '/usr/local/go/bin/go'];
  const check = (candidate: string, probeEnv: Record<string, string>) =>
    checkGo(candidate, { ...probeEnv, XDG_CONFIG_HOME: configDir });
  return pickToolchain({ lang: 'go', variable: 'FAAS_GO', names: ['go'], wellKnown, check }, env);
}

async function checkGo(command: string, env: Record<string, string>): Promise<CandidateCheck> {
  const probe = await runProbe(command, ['version'], env);
  const match = /\bgo(1\.(\d+)(?:\.\d+)?)/.exec(probe.stdout);
  if (!probe.ok || !match?.[1]) {
    return { ok: false, problem: `${command} version did not report a Go version` };
  }
  const version = match[1];
  if (Number(match[2]) < MIN_MINOR) {
    return {
      ok: false,
      problem: `go ${version} at ${command} is too old: wasip1 needs Go 1.${MIN_MINOR}`,
    };
  }
  return { ok: true, command, version, target: 'wasip1/wasm' };
}

/** /usr/lib/go-1.N/bin/go for every installed N, newest first. */
async function debianGoBinaries(): Promise<string[]> {
  const entries = await readdir('/usr/lib').catch(() => [] as string[]);
  return entries
    .map((name) => ({ name, minor: Number(DEBIAN_GO_DIR.exec(name)?.[1] ?? -1) }))
    .filter(({ minor }) => minor >= 0)
    .sort((a, b) => b.minor - a.minor)
    .map(({ name }) => `/usr/lib/${name}/bin/go`);
}
