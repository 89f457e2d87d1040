import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { deploy, invoke, request, startTestStack, waitForWorkers, type TestStack } from './harness.js';

const MiB = 1024 * 1024;

describe('limits', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({
      workers: 2,
      env: { FAAS_QUEUE_LIMIT: '2', FAAS_HEADERS_TIMEOUT_MS: '1000', FAAS_REQUEST_TIMEOUT_MS: '2000' },
    });
    await deploy(stack.url, 'sleeper', 'python', 'import time, sys\ntime.sleep(float(sys.stdin.read() or "1"))\nprint("rested")\n');
    await deploy(stack.url, 'spinner', 'c', 'int main(void) { volatile int x = 0; for (;;) x++; }\n');
    await deploy(stack.url, 'writer', 'python', 'import sys\nn = int(sys.stdin.read())\nsys.stdout.write("x" * n)\n');
    await deploy(stack.url, 'hasher', 'python', 'import hashlib, sys\nb = sys.stdin.buffer.read()\nprint(len(b), hashlib.sha256(b).hexdigest())\n');
  });
  after(async () => {
    await stack?.destroy();
  });

  it('stops a function at its own deploy-time timeout and answers 504 in time', async () => {
    const quick = await deploy(stack.url, 'quick-spinner', 'c', 'int main(void) { volatile int x = 0; for (;;) x++; }\n', undefined);
    assert.equal(quick.status, 201);
    const limited = await request(`${stack.url}/deploy?name=short&lang=c&timeoutMs=1000`, {
      method: 'POST',
      body: 'int main(void) { volatile int x = 0; for (;;) x++; }\n',
    });
    assert.deepEqual(limited.body.limits, { timeoutMs: 1000 });
    const started = Date.now();
    const ran = await invoke(stack.url, 'short');
    assert.equal(ran.status, 504);
    assert.equal(ran.body.code, 'TIMEOUT');
    assert.ok(Date.now() - started < 1000 + 2000, `answered after ${Date.now() - started} ms`);
  });

  it('rejects a limit that is not a whole number in range', async () => {
    for (const bad of ['timeoutMs=0', 'timeoutMs=abc', 'memoryMiB=-1', 'timeoutMs=999999999']) {
      const reply = await request(`${stack.url}/deploy?name=bad-limit&lang=js&${bad}`, { method: 'POST', body: 'x' });
      assert.equal(reply.status, 400, bad);
      assert.equal(reply.body.code, 'BAD_REQUEST', bad);
    }
  });

  it('answers 429 QUEUE_FULL with Retry-After once the waiting line is at its bound, and drops nothing it accepted', async () => {
    // Two workers busy, two invocations waiting: the fifth is refused. (The timeout test before
    // retired a worker; wait for its replacement.)
    await waitForWorkers(stack.url, 2);
    const accepted = Array.from({ length: 4 }, () => invoke(stack.url, 'sleeper', '1.5'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const refused = await invoke(stack.url, 'sleeper', '0');
    assert.equal(refused.status, 429);
    assert.equal(refused.body.code, 'QUEUE_FULL');
    assert.equal(refused.headers.get('retry-after'), '1');
    for (const reply of await Promise.all(accepted)) assert.equal(reply.body.output, 'rested\n');
  });

  it('carries output just under the 4 MiB cap through every hop, and cuts output just over it', async () => {
    const under = await invoke(stack.url, 'writer', String(4 * MiB - 1));
    assert.equal(under.status, 200);
    assert.equal(String(under.body.output).length, 4 * MiB - 1);
    assert.equal(under.body.truncated, undefined);
    const over = await invoke(stack.url, 'writer', String(4 * MiB + 1));
    assert.equal(over.status, 200);
    assert.equal(String(over.body.output).length, 4 * MiB);
    assert.equal(over.body.truncated, true);
  });

  it('passes a body of exactly the 10 MiB cap to the function byte for byte, and refuses one byte more', async () => {
    const body = Buffer.alloc(10 * MiB, 0xab);
    body.write('\r\n\0é', 0);
    const ran = await invoke(stack.url, 'hasher', body, 'text/plain; charset=utf-8');
    assert.equal(ran.body.output, `${body.length} ${createHash('sha256').update(body).digest('hex')}\n`);
    const tooBig = await invoke(stack.url, 'hasher', Buffer.alloc(10 * MiB + 1));
    assert.equal(tooBig.status, 413);
    assert.equal(tooBig.body.code, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a source over 1 MiB with 413, storing nothing', async () => {
    const big = await deploy(stack.url, 'huge-source', 'js', `//${'x'.repeat(MiB)}\n`);
    assert.equal(big.status, 413);
    assert.equal((await request(`${stack.url}/function/huge-source`)).status, 404);
  });

  it('closes a connection that trickles its headers past the header timeout', async () => {
    const address = new URL(stack.url);
    const socket = connect(Number(address.port), address.hostname);
    socket.write('POST /invoke?fn=sleeper HTTP/1.1\r\nHost: x\r\n');
    const started = Date.now();
    const trickle = setInterval(() => socket.write('X-Slow: 1\r\n'), 200);
    const reply = await new Promise<string>((resolve) => {
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
    });
    clearInterval(trickle);
    assert.ok(Date.now() - started < 4000, `closed after ${Date.now() - started} ms`);
    assert.match(reply, /^HTTP\/1\.1 408/);
  });
});

describe('per-function memory limit', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ workers: 1 });
  });
  after(async () => {
    await stack?.destroy();
  });

  it('builds a WASM module with the memory cap given at deploy', async () => {
    // Blocks are chained from a volatile global so clang cannot drop the allocations.
    const source = [
      '#include <stdio.h>',
      '#include <stdlib.h>',
      '#include <string.h>',
      'struct block { struct block *next; char fill[(1 << 20) - sizeof(struct block *)]; };',
      'static struct block *volatile head;',
      'int main(void) {',
      '  size_t mib = 0;',
      '  for (;;) { struct block *b = malloc(sizeof *b); if (!b) break; memset(b->fill, 1, sizeof b->fill); b->next = head; head = b; mib++; }',
      '  printf("%zu\\n", mib);',
      '  return 0;',
      '}',
    ].join('\n');
    const small = await request(`${stack.url}/deploy?name=small&lang=c&memoryMiB=16`, { method: 'POST', body: source });
    assert.equal(small.status, 201, JSON.stringify(small.body));
    const ran = await invoke(stack.url, 'small');
    assert.ok(Number(ran.body.output) < 16, `allocated ${String(ran.body.output).trim()} MiB under a 16 MiB cap`);
    const big = await request(`${stack.url}/deploy?name=big&lang=c&memoryMiB=64`, { method: 'POST', body: source });
    assert.equal(big.status, 201);
    const ranBig = await invoke(stack.url, 'big');
    assert.ok(Number(ranBig.body.output) > 32 && Number(ranBig.body.output) < 64, String(ranBig.body.output));
  });

  it('caps a Go module: allocating past its memory ends in 502 MEMORY_LIMIT and the worker carries on', async () => {
    const source = [
      'package main',
      '',
      'import "fmt"',
      '',
      'var keep [][]byte',
      '',
      'func main() {',
      '\tfor i := 0; ; i++ {',
      '\t\tb := make([]byte, 1<<20)',
      '\t\tfor j := range b {',
      '\t\t\tb[j] = byte(i)',
      '\t\t}',
      '\t\tkeep = append(keep, b)',
      '\t\tif i%16 == 0 {',
      '\t\t\tfmt.Println(len(keep), "MiB")',
      '\t\t}',
      '\t}',
      '}',
    ].join('\n');
    const deployed = await request(`${stack.url}/deploy?name=go-hog&lang=go&memoryMiB=64`, { method: 'POST', body: source });
    assert.equal(deployed.status, 201, JSON.stringify(deployed.body));
    const ran = await invoke(stack.url, 'go-hog');
    assert.equal(ran.status, 502, JSON.stringify(ran.body).slice(0, 300));
    assert.equal(ran.body.code, 'MEMORY_LIMIT');
    assert.match(String(ran.body.stderr), /out of memory/);
    const hello = await deploy(stack.url, 'go-ok', 'go', 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("ok") }\n');
    assert.equal(hello.status, 201);
    assert.equal((await invoke(stack.url, 'go-ok')).body.output, 'ok\n');
  });

  it('caps a python function at the memory given at deploy with MEMORY_LIMIT', async () => {
    const deployed = await request(`${stack.url}/deploy?name=hog&lang=python&memoryMiB=64`, {
      method: 'POST',
      body: 'x = bytearray(200 * 1024 * 1024)\nprint(len(x))\n',
    });
    assert.equal(deployed.status, 201);
    const ran = await invoke(stack.url, 'hog');
    assert.equal(ran.status, 502);
    assert.equal(ran.body.code, 'MEMORY_LIMIT');
  });
});
