import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Go's config dir (XDG_CONFIG_HOME), relative to the cache dir. */
export const GO_CONFIG_SUBDIR = 'go-config';
/** The file `go telemetry off` would write, relative to the cache dir, and its content. */
export const GO_TELEMETRY_MODE_FILE = path.join(GO_CONFIG_SUBDIR, 'go', 'telemetry', 'mode');
export const GO_TELEMETRY_OFF = 'off\n';

/**
 * A Go config dir (for XDG_CONFIG_HOME) whose telemetry mode is "off". From Go 1.23 on, every go
 * command, even `go version`, starts a `** telemetry **` child in a session of its own (setsid),
 * which escapes the process-group kill and keeps writing counter files under the config dir
 * after go exits. The mode file that `go telemetry off` would write stops both.
 * See https://go.dev/doc/telemetry.
 */
export async function goConfigWithTelemetryOff(cacheDir: string): Promise<string> {
  const modeFile = path.join(cacheDir, GO_TELEMETRY_MODE_FILE);
  await mkdir(path.dirname(modeFile), { recursive: true });
  await writeFile(modeFile, GO_TELEMETRY_OFF);
  return goConfigDir(cacheDir);
}

export function goConfigDir(cacheDir: string): string {
  return path.join(cacheDir, GO_CONFIG_SUBDIR);
}
