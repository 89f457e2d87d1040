import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXAMPLES, ROOT, startTestStack, type TestStack } from './harness.js';

const TOKEN = 'cli-test-token-42';
const CLI = join(ROOT, 'packages', 'cli', 'bin', 'minifaas.js');

describe('the minifaas command against a running system', () => {
  let stack: TestStack;
  let scratch: string;
  before(async () => {
    // An invoke token as well, so the load injector has to send one; the API token works for both.
    stack = await startTestStack({ workers: 2, env: { FAAS_API_TOKEN: TOKEN, FAAS_INVOKE_TOKEN: 'cli-invoke-token' } });
    scratch = mkdtempSync(join(tmpdir(), 'mf-cli-'));
  });
  after(async () => {
    await stack?.destroy();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Runs the CLI to its end with FAAS_URL and the token set (unless overridden). */
  const cli = (args: string[], options: { input?: string; env?: Record<string, string | undefined> } = {}) => {
    const run = spawnSync(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      input: options.input ?? '',
      encoding: 'utf8',
      env: { ...process.env, FAAS_URL: stack.url, FAAS_API_TOKEN: TOKEN, ...options.env },
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('is on the workspace PATH as `pnpm exec minifaas`', () => {
    const run = spawnSync('pnpm', ['exec', 'minifaas', '--help'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Usage: minifaas/);
  });

  it('deploys a file with the language guessed from its extension and the name from its file name', () => {
    const deployed = cli(['deploy', join(EXAMPLES, 'hello.c')]);

    assert.equal(deployed.status, 0, deployed.stderr);
    assert.match(deployed.stdout, /^deployed hello_\d{10}(_\d+)? \(c, \d+ bytes, compiled in \d+ ms\)\n$/);
  });

  it('invokes with --data or piped stdin and prints the output as it is', () => {
    const withData = cli(['invoke', 'hello', '--data', 'cli']);
    const piped = cli(['invoke', 'hello'], { input: 'pipe' });

    assert.equal(withData.status, 0, withData.stderr);
    assert.equal(withData.stdout, 'Hello, cli! (from C)\n');
    assert.equal(piped.stdout, 'Hello, pipe! (from C)\n');
  });

  it('prints the gateway\'s JSON with --json', () => {
    const run = cli(['--json', 'invoke', 'hello', '--data', 'json']);

    const reply = JSON.parse(run.stdout) as { ok: boolean; output: string; invocationId: string };
    assert.equal(reply.ok, true);
    assert.equal(reply.output, 'Hello, json! (from C)\n');
    assert.match(reply.invocationId, /^[0-9a-f-]{36}$/);
  });

  it('deploys with --name, --lang and --env, and the function sees the variable', () => {
    const file = join(scratch, 'greeting.txt');
    writeFileSync(file, 'import os\nprint(os.environ["GREETING"])\n');

    const deployed = cli(['deploy', file, '--name', 'greet', '--lang', 'python', '--env', 'GREETING=salut']);
    const ran = cli(['invoke', 'greet']);

    assert.equal(deployed.status, 0, deployed.stderr);
    assert.equal(ran.stdout, 'salut\n');
  });

  it('lists functions in a table and as JSON', () => {
    const human = cli(['ls']);
    const json = JSON.parse(cli(['ls', '--json']).stdout) as { functions: Array<{ name: string }> };

    assert.match(human.stdout, /^NAME\s+LANG\s+VERSIONS\s+LATEST\s+UPDATED\n/);
    assert.match(human.stdout, /^hello\s+c\s+1\s+hello_\d+/m);
    assert.deepEqual(json.functions.map((f) => f.name), ['greet', 'hello']);
  });

  it('shows the invocations of a function with `logs`, failures included', () => {
    const file = join(scratch, 'fails.py');
    writeFileSync(file, 'import sys\nsys.stderr.write("bad input\\n")\nsys.exit(4)\n');
    cli(['deploy', file]);
    const failed = cli(['invoke', 'fails']);

    const shown = cli(['logs', 'fails']);

    assert.equal(failed.status, 1);
    assert.match(failed.stderr, /bad input\n[\s\S]*minifaas: .*\(FUNCTION_FAILED\)\n$/);
    assert.match(shown.stdout, /FUNCTION_FAILED\s+4\s+\d+ ms\s+worker-\d\s+bad input/);
  });

  it('fails with the gateway\'s code and exit status 1 without the token', () => {
    const run = cli(['deploy', join(EXAMPLES, 'hello.py')], { env: { FAAS_API_TOKEN: '' } });

    assert.equal(run.status, 1);
    assert.match(run.stderr, /^minifaas: .*\(UNAUTHORIZED\)\n$/);
  });

  it('says clearly when the gateway cannot be reached', () => {
    const run = cli(['ls'], { env: { FAAS_URL: 'http://127.0.0.1:9' } });

    assert.equal(run.status, 1);
    assert.match(run.stderr, /cannot reach the gateway at http:\/\/127\.0\.0\.1:9/);
  });

  it('reads and switches the strategy', () => {
    const switched = cli(['strategy', 'fifo']);
    const shown = cli(['strategy']);

    assert.match(switched.stdout, /^FIFO \(available: RR, FIFO, WEIGHTED/);
    assert.match(shown.stdout, /^FIFO /);
  });

  it('drives a function with the load injector, sending the token', () => {
    const run = cli(['load', '--fn', 'hello', '--concurrency', '2', '--duration', '1', '--json']);

    assert.equal(run.status, 0, run.stderr);
    const figures = JSON.parse(run.stdout) as { requests: number; errors: number; non2xx: number };
    assert.ok(figures.requests > 0);
    assert.equal(figures.errors + figures.non2xx, 0);

    // This stack wants a token for invocations too: without one every call answers 401.
    const refused = cli(['load', '--fn', 'hello', '--concurrency', '1', '--duration', '1', '--json'], { env: { FAAS_API_TOKEN: '' } });
    const refusedFigures = JSON.parse(refused.stdout) as { requests: number; non2xx: number };
    assert.equal(refusedFigures.non2xx, refusedFigures.requests);
    assert.equal(refused.status, 1, 'a run where no call succeeded fails');
    assert.match(refused.stderr, /no call succeeded .*HTTP 401: .*UNAUTHORIZED/);
  });

  it('deletes one version and then the whole function with `rm`', () => {
    cli(['deploy', join(EXAMPLES, 'hello.c')]);
    const versions = JSON.parse(cli(['ls', '--json']).stdout) as { functions: Array<{ name: string; latestId: string; versions: number }> };
    const latest = versions.functions.find((f) => f.name === 'hello');
    assert.equal(latest?.versions, 2);

    const one = cli(['rm', 'hello', '--version', latest?.latestId ?? '']);
    const all = cli(['rm', 'hello']);
    const gone = cli(['invoke', 'hello']);

    assert.match(one.stdout, /^deleted hello_\d+(_\d+)?; hello is now hello_\d+/);
    assert.match(all.stdout, /^deleted hello_\d+/);
    assert.match(gone.stderr, /\(FUNCTION_NOT_FOUND\)/);
  });
});

it('`minifaas up` starts the system in the foreground and stops it on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mf-up-'));
  const child = spawn(process.execPath, [CLI, 'up', 'FIFO'], {
    cwd: ROOT,
    env: { ...process.env, FAAS_HTTP_PORT: '0', FAAS_WORKERS: '1', FAAS_SOCKET_DIR: join(dir, 's'), FAAS_DATA_DIR: join(dir, 'd') },
    // Its log goes to stderr: ignored, so a full pipe can never stall it.
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let banner = '';
      child.stdout.on('data', (chunk: Buffer) => {
        banner += chunk.toString();
        const match = /gateway\s+(http:\S+)/.exec(banner);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`minifaas up exited ${code} before its banner: ${banner}`)));
    });
    const health = (await (await fetch(`${url}/healthz`)).json()) as { ok: boolean; strategy: string };
    assert.deepEqual([health.ok, health.strategy], [true, 'FIFO']);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
