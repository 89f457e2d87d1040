import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { scrubHostPaths } from '../src/scrub-host-paths.js';

const paths = {
  tempDirs: ['/tmp/minifaas-compile-a1B2c3', '/private/tmp/minifaas-compile-a1B2c3'],
  cacheDirs: ['/home/faas/.cache/minifaas/compiler-driver'],
  tmpRoots: ['/tmp'],
};

describe('scrubHostPaths', () => {
  it('turns paths inside the temp dir into paths relative to it', () => {
    const text = "/tmp/minifaas-compile-a1B2c3/main.c:4:19: error: expected ';' after expression";

    assert.equal(scrubHostPaths(text, paths), "main.c:4:19: error: expected ';' after expression");
  });

  it('also scrubs the resolved form of the temp dir and the bare dir itself', () => {
    const text =
      'note: in /private/tmp/minifaas-compile-a1B2c3/main.rs, cwd /tmp/minifaas-compile-a1B2c3';

    assert.equal(scrubHostPaths(text, paths), 'note: in main.rs, cwd .');
  });

  it("names other temp files by their base name, without clang's random suffix", () => {
    const text =
      'wasm-ld-14: error: /tmp/cc-Xy12ab/main-6cf889.o: undefined symbol: host_secret_number';

    assert.equal(
      scrubHostPaths(text, paths),
      'wasm-ld-14: error: main.o: undefined symbol: host_secret_number',
    );
  });

  it('hides the cache dir', () => {
    const text =
      'open /home/faas/.cache/minifaas/compiler-driver/go-build/ab/cd: permission denied';

    assert.equal(scrubHostPaths(text, paths), 'open $CACHE/go-build/ab/cd: permission denied');
  });

  it('scrubs the sandbox mount points but not longer paths that end the same', () => {
    const sandboxPaths = { tempDirs: ['/src'], cacheDirs: ['/cache'], tmpRoots: ['/tmp'] };
    const text =
      '/src/main.rs:2:5: see /usr/src/rustc-1.63.0/library/std/src/io/mod.rs, ' +
      'cwd /src, cache /cache/go-build/ab, not /var/cache/x or /srcdir';

    assert.equal(
      scrubHostPaths(text, sandboxPaths),
      'main.rs:2:5: see /usr/src/rustc-1.63.0/library/std/src/io/mod.rs, ' +
        'cwd ., cache $CACHE/go-build/ab, not /var/cache/x or /srcdir',
    );
  });

  it('leaves text without host paths alone', () => {
    const text = 'error[E0308]: mismatched types\n --> main.rs:2:22';

    assert.equal(scrubHostPaths(text, paths), text);
  });
});
