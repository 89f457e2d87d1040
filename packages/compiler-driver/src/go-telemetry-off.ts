import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A Go config dir (for XDG_CONFIG_HOME) whose telemetry mode is "off". From Go 1.23 on, every go
 * command, even `go version`, starts a `** telemetry **` child in a session of its own (setsid),
 * which escapes the process-group kill and keeps writing counter files under the config dir
 * after go exits. The mode file that `go telemetry off` would write stops both.
 * See https://go.dev/doc/telemetry.
 */
export async function goConfigWithTelemetryOff(cacheDir: string): Promise<string> {
  const configDir = goConfigDir(cacheDir);
  const modeFile = path.join(configDir, 'go', 'telemetry', 'mode');
  await mkdir(path.dirname(modeFile), { recursive: true });
  await writeFile(modeFile, 'off\n');
  return configDir;
}

export function goConfigDir(cacheDir: string): string {
  return path.join(cacheDir, 'go-config');
}
