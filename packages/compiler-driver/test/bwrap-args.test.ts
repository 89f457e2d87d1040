import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { bwrapArgs, toolchainDirs } from '../src/bwrap-args.js';

const workspace = { srcDir: '/t/w/src', scratchDir: '/t/w/tmp', cacheDir: '/c' };

describe('bwrapArgs', () => {
  it('mounts the compile dirs read-write at /src, /tmp and /cache and starts in /src', () => {
    const args = bwrapArgs({
      workspace,
      env: {},
      toolchainCommand: '/usr/bin/clang',
      switchesUid: false,
    });
    const text = args.join(' ');

    assert.match(text, /--bind \/t\/w\/tmp \/tmp --bind \/t\/w\/src \/src --bind \/c \/cache/);
    assert.match(text, /--chdir \/src/);
    assert.match(text, /--ro-bind \/usr \/usr/);
  });

  it('passes only the given environment', () => {
    const args = bwrapArgs({
      workspace,
      env: { PATH: '/usr/bin', HOME: '/tmp' },
      toolchainCommand: '/usr/bin/clang',
      switchesUid: false,
    });

    assert.ok(args.includes('--clearenv'));
    assert.match(args.join(' '), /--setenv PATH \/usr\/bin --setenv HOME \/tmp/);
  });

  it('unshares the user namespace unless root switches uid inside, which keeps two capabilities', () => {
    const asUser = bwrapArgs({
      workspace,
      env: {},
      toolchainCommand: '/usr/bin/cc',
      switchesUid: false,
    });
    const asRoot = bwrapArgs({
      workspace,
      env: {},
      toolchainCommand: '/usr/bin/cc',
      switchesUid: true,
    });

    assert.ok(asUser.includes('--unshare-user') && !asUser.includes('--cap-add'));
    assert.ok(!asRoot.includes('--unshare-user'));
    assert.match(asRoot.join(' '), /--cap-add CAP_SETUID --cap-add CAP_SETGID/);
    for (const args of [asUser, asRoot]) {
      for (const flag of ['--unshare-net', '--unshare-pid', '--unshare-ipc', '--die-with-parent']) {
        assert.ok(args.includes(flag), flag);
      }
    }
  });
});

describe('toolchainDirs', () => {
  it('needs nothing more for a toolchain under /usr', () => {
    assert.deepEqual(toolchainDirs('/usr/lib/go-1.23/bin/go'), []);
  });

  it('mounts the dir above bin/ of a toolchain elsewhere', () => {
    assert.deepEqual(toolchainDirs('/root/.rustup/toolchains/stable/bin/rustc'), [
      '/root/.rustup/toolchains/stable',
    ]);
    assert.deepEqual(toolchainDirs('/opt/wasi-sdk/bin/clang'), ['/opt/wasi-sdk']);
  });

  it('never mounts a whole home dir or top-level dir, only the bin/ in it', () => {
    assert.deepEqual(toolchainDirs('/home/ada/bin/clang'), ['/home/ada/bin']);
    assert.deepEqual(toolchainDirs('/root/bin/go'), ['/root/bin']);
    assert.deepEqual(toolchainDirs('/opt/bin/clang'), ['/opt/bin']);
  });
});
