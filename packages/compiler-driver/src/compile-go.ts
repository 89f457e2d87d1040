import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import type { CompileRecipe, RecipeContext } from './compile-recipe.js';
import { goConfigDir, goConfigWithTelemetryOff } from './go-telemetry-off.js';

/**
 * go build for GOOS=wasip1. The build cache lives in cacheDir, so only the first compile pays
 * for building the standard library (seconds); later ones take a fraction of a second. Go's
 * linker sets no memory maximum; compile-source.ts caps it afterwards like every module.
 */
export function goRecipe({ cacheDir }: RecipeContext): CompileRecipe {
  const goCache = path.join(cacheDir, 'go-build');
  const goPath = path.join(cacheDir, 'go-path');
  const env = {
    GOOS: 'wasip1',
    GOARCH: 'wasm',
    GOCACHE: goCache,
    GOPATH: goPath,
    // Module mode on a lone main.go: std imports only, and nothing is fetched.
    GO111MODULE: 'on',
    GOPROXY: 'off',
    GOSUMDB: 'off',
    GOFLAGS: '-mod=readonly',
    // Use this go even if a go.mod asked for another, instead of downloading one.
    GOTOOLCHAIN: 'local',
    // No go.env or go.work from anywhere on the host, and no cgo.
    GOENV: 'off',
    GOWORK: 'off',
    CGO_ENABLED: '0',
    // Where the telemetry-off mode file lives (see go-telemetry-off.ts).
    XDG_CONFIG_HOME: goConfigDir(cacheDir),
  };
  const prepare = async () => {
    await Promise.all([mkdir(goCache, { recursive: true }), mkdir(goPath, { recursive: true })]);
    await goConfigWithTelemetryOff(cacheDir);
  };
  const args = ['build', '-trimpath', '-ldflags=-s -w', '-o', 'main.wasm', 'main.go'];
  return { sourceName: 'main.go', outputName: 'main.wasm', args, env, prepare };
}
