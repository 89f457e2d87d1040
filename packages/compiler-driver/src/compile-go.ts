import path from 'node:path';

import type { CompileRecipe, RecipeContext } from './compile-recipe.js';
import { GO_TELEMETRY_MODE_FILE, GO_TELEMETRY_OFF, goConfigDir } from './go-telemetry-off.js';

const GO_BUILD_SUBDIR = 'go-build';
const GO_PATH_SUBDIR = 'go-path';
/**
 * Go's runtime reserves about 0.7 GiB of address space at start that it never touches: go build
 * dies at once under an 800 MiB RLIMIT_AS. The reserve keeps the limit about actual memory.
 */
const GO_ADDRESS_SPACE_RESERVE_MIB = 1024;

/**
 * go build for GOOS=wasip1. The build cache lives in cacheDir, so only the first compile pays
 * for building the standard library (seconds); later ones take a fraction of a second. Go's
 * linker sets no memory maximum; compile-source.ts caps it afterwards like every module.
 */
export function goRecipe({ cacheDir, compilerMemoryLimitMiB }: RecipeContext): CompileRecipe {
  const env = {
    GOOS: 'wasip1',
    GOARCH: 'wasm',
    GOCACHE: path.join(cacheDir, GO_BUILD_SUBDIR),
    GOPATH: path.join(cacheDir, GO_PATH_SUBDIR),
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
    // The collector works to stay under the limit, well before the address-space cap kills go.
    GOMEMLIMIT: `${compilerMemoryLimitMiB}MiB`,
  };
  const cache = {
    dirs: [GO_BUILD_SUBDIR, GO_PATH_SUBDIR],
    files: { [GO_TELEMETRY_MODE_FILE]: GO_TELEMETRY_OFF },
  };
  const args = ['build', '-trimpath', '-ldflags=-s -w', '-o', 'main.wasm', 'main.go'];
  return {
    sourceName: 'main.go',
    outputName: 'main.wasm',
    args,
    env,
    cache,
    addressSpaceReserveMiB: GO_ADDRESS_SPACE_RESERVE_MIB,
  };
}
