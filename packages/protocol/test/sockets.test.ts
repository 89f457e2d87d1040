import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { prepareSocketPath } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'faas-sockets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const listen = (path: string) =>
  new Promise<Server>((resolve) => {
    const server = createServer();
    server.listen(path, () => resolve(server));
  });

describe('prepareSocketPath', () => {
  it('removes a socket file that nobody listens on any more', async () => {
    const path = join(dir, 'stale.sock');
    // A process that listens and is then killed outright leaves its socket file behind.
    const child = spawn(
      process.execPath,
      ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await once(child.stdout!, 'data');
    child.kill('SIGKILL');
    await once(child, 'exit');
    assert.ok(existsSync(path), 'the killed process left its socket file');
    await prepareSocketPath(path);
    assert.equal(existsSync(path), false);
  });

  it('refuses to take over a socket another process still listens on, and leaves it in place', async () => {
    const path = join(dir, 'live.sock');
    const server = await listen(path);
    try {
      await assert.rejects(prepareSocketPath(path), /is in use by a running process/);
      assert.ok(existsSync(path));
    } finally {
      server.close();
    }
  });

  it('refuses to remove a file that is not a socket', async () => {
    const path = join(dir, 'plain');
    writeFileSync(path, 'data');
    await assert.rejects(prepareSocketPath(path), /is not a socket/);
    assert.ok(existsSync(path));
  });
});
