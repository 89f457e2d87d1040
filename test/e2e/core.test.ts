import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deploy, EXAMPLES, invoke, request, startTarget, type Target } from './harness.js';

const EXAMPLE_FILES: Record<string, string> = {
  c: 'hello.c',
  rust: 'hello.rs',
  go: 'hello.go',
  js: 'hello.js',
  python: 'hello.py',
  php: 'hello.php',
};
const LANGUAGE_NAMES: Record<string, string> = { c: 'C', rust: 'Rust', go: 'Go', js: 'JavaScript', python: 'Python', php: 'PHP' };

describe('deploy and invoke through the whole chain', () => {
  let target: Target;
  const ids = new Map<string, string>();

  before(async () => {
    target = await startTarget({ workers: 4 });
  });
  after(async () => {
    await target?.destroy();
  });

  for (const [lang, file] of Object.entries(EXAMPLE_FILES)) {
    it(`deploys the ${lang} example and runs it with and without stdin`, async () => {
      const source = readFileSync(join(EXAMPLES, file));
      const deployed = await deploy(target.url, `hello-${lang}`, lang, source);
      assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
      assert.match(String(deployed.body.id), new RegExp(`^hello-${lang}_\\d{10}(_\\d+)?$`));
      assert.equal(deployed.body.wasm, ['c', 'rust', 'go'].includes(lang));
      ids.set(lang, String(deployed.body.id));

      const greeted = await invoke(target.url, String(deployed.body.id), 'world\n');
      assert.equal(greeted.status, 200, JSON.stringify(greeted.body));
      assert.equal(greeted.body.output, `Hello, world! (from ${LANGUAGE_NAMES[lang]})\n`);
      assert.equal(greeted.body.exitCode, 0);
      assert.equal(greeted.body.stderr, '');
      assert.match(String(greeted.body.worker), target.workerPattern);
      assert.equal(typeof greeted.body.durationMs, 'number');

      const empty = await invoke(target.url, `hello-${lang}`);
      assert.equal(empty.body.output, 'Hello from FAAS!\n');
    });
  }

  it('returns an html function as it is', async () => {
    const page = readFileSync(join(EXAMPLES, 'hello.html'), 'utf8');
    const deployed = await deploy(target.url, 'page', 'htm', page, 'text/html');
    assert.equal(deployed.status, 201);
    assert.equal(deployed.body.lang, 'html');
    const shown = await invoke(target.url, 'page');
    assert.equal(shown.body.output, page);
  });

  it('returns the stored source byte for byte, whatever the content type', async () => {
    const source = Buffer.from('# caf\u00e9 \u2603\r\nprint("a+b&c=d%20")\n', 'utf8');
    await deploy(target.url, 'bytes', 'py', source, 'application/x-www-form-urlencoded');
    const got = await request(`${target.url}/function/bytes`);
    assert.equal(got.status, 200);
    assert.equal(got.body.code, source.toString('utf8'));
    assert.equal(got.body.size, source.length);
    assert.equal(got.body.lang, 'python');
  });

  it('returns source and output that are not UTF-8 as base64', async () => {
    const source = Buffer.concat([Buffer.from('process.stdout.write(Buffer.from([0xff, 0xfe, 0x00]));\n// '), Buffer.from([0xc3])]);
    await deploy(target.url, 'binary', 'js', source);
    const got = await request(`${target.url}/function/binary`);
    assert.equal(got.body.codeEncoding, 'base64');
    assert.deepEqual(Buffer.from(String(got.body.code), 'base64'), source);
    const ran = await invoke(target.url, 'binary');
    assert.equal(ran.body.outputEncoding, 'base64');
    assert.deepEqual(Buffer.from(String(ran.body.output), 'base64'), Buffer.from([0xff, 0xfe, 0x00]));
  });

  it('decodes a multi-byte character split across output chunks as one character', async () => {
    // 70000 bytes of 'é' (2 bytes each) crosses every pipe and stream chunk boundary.
    await deploy(target.url, 'accents', 'js', 'process.stdout.write("\u00e9".repeat(35000))');
    const ran = await invoke(target.url, 'accents');
    assert.equal(ran.body.output, '\u00e9'.repeat(35000));
  });

  it('round robin sends 8 sequential calls to 4 distinct workers, two each', async () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 8; i++) {
      const ran = await invoke(target.url, 'hello-c');
      counts.set(String(ran.body.worker), (counts.get(String(ran.body.worker)) ?? 0) + 1);
    }
    assert.equal(counts.size, 4, JSON.stringify([...counts]));
    assert.deepEqual([...counts.values()], [2, 2, 2, 2]);
  });

  it('gives every deploy a new id and keeps older ids working', async () => {
    const first = await deploy(target.url, 'versioned', 'js', 'console.log("v1")');
    const second = await deploy(target.url, 'versioned', 'js', 'console.log("v2")');
    assert.notEqual(first.body.id, second.body.id);
    assert.equal((await invoke(target.url, String(first.body.id))).body.output, 'v1\n');
    assert.equal((await invoke(target.url, String(second.body.id))).body.output, 'v2\n');
    assert.equal((await invoke(target.url, 'versioned')).body.output, 'v2\n');
    assert.equal((await request(`${target.url}/function/versioned`)).body.id, second.body.id);
  });

  it('reports a failing function as 502 FUNCTION_FAILED with its exit code, output and stderr', async () => {
    await deploy(target.url, 'fails', 'python', 'import sys\nprint("partial")\nsys.stderr.write("bad input\\n")\nsys.exit(3)\n');
    const ran = await invoke(target.url, 'fails');
    assert.equal(ran.status, 502);
    assert.equal(ran.body.code, 'FUNCTION_FAILED');
    assert.equal(ran.body.exitCode, 3);
    assert.equal(ran.body.output, 'partial\n');
    assert.equal(ran.body.stderr, 'bad input\n');
    assert.match(String(ran.body.error), /3.*bad input/);
  });

  it('answers a compile error with 422 and the compiler message, storing nothing', async () => {
    const broken = await deploy(target.url, 'broken', 'c', 'int main(void) { return 0 }\n');
    assert.equal(broken.status, 422);
    assert.equal(broken.body.code, 'COMPILE_FAILED');
    assert.match(String(broken.body.error), /expected ';'/);
    assert.equal((await request(`${target.url}/function/broken`)).status, 404);
  });

  it('answers bad requests with JSON 4xx errors', async () => {
    const cases: Array<[string, RequestInit, number, string]> = [
      ['/deploy?name=../x&lang=c', { method: 'POST', body: 'x' }, 400, 'INVALID_NAME'],
      ['/deploy?name=ok&lang=cobol', { method: 'POST', body: 'x' }, 400, 'UNKNOWN_LANGUAGE'],
      ['/deploy?name=ok&lang=c', { method: 'POST', body: '  \n' }, 400, 'EMPTY_SOURCE'],
      ['/deploy?name=ok', { method: 'POST', body: 'x' }, 400, 'BAD_REQUEST'],
      ['/deploy?name=ok&lang=c&lang=go', { method: 'POST', body: 'x' }, 400, 'BAD_REQUEST'],
      ['/deploy?name=ok&lang=c&extra=1', { method: 'POST', body: 'x' }, 400, 'BAD_REQUEST'],
      ['/deploy?name=ok&lang=c', { method: 'GET' }, 405, 'METHOD_NOT_ALLOWED'],
      ['/invoke?fn=nope', { method: 'POST' }, 404, 'FUNCTION_NOT_FOUND'],
      ['/invoke', { method: 'POST' }, 400, 'BAD_REQUEST'],
      ['/function/nope', {}, 404, 'FUNCTION_NOT_FOUND'],
      ['/nowhere', {}, 404, 'NOT_FOUND'],
    ];
    for (const [path, init, status, code] of cases) {
      const reply = await request(`${target.url}${path}`, init);
      assert.equal(reply.status, status, `${path}: ${JSON.stringify(reply.body)}`);
      assert.equal(reply.body.code, code, path);
      assert.equal(reply.body.ok, false);
    }
  });

  it('reports healthy with every worker registered', async () => {
    const health = await request(`${target.url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(health.body.workers, 4);
  });

  it('keeps every function across a restart', async () => {
    const before = await invoke(target.url, String(ids.get('c')), 'again');
    await target.restart();
    const after = await invoke(target.url, String(ids.get('c')), 'again');
    assert.equal(after.body.output, before.body.output);
    assert.equal((await invoke(target.url, 'versioned')).body.output, 'v2\n');
  });
});
