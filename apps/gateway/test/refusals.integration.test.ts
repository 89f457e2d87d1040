import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { deployPython, post, request, result, startGateway } from './fake-neighbours.js';

/** Writes raw bytes to the gateway and reads until it closes the connection. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
    socket.on('error', reject);
  });
}

const jsonBody = (reply: string) => JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)) as { code: string; error: string };

describe('refusals', () => {
  it('refuses query parameters on routes that take none, before looking anything up', async (t) => {
    const gw = await startGateway(t);
    await deployPython(gw.url, 'web');

    const list = await request(`${gw.url}/functions?x=1`);
    const missing = await request(`${gw.url}/function/nope?x=1`, { method: 'DELETE' });
    const strategy = await request(`${gw.url}/lb/strategy?x=1`, { method: 'PUT', body: '{"strategy":"FIFO"}' });
    const page = await fetch(`${gw.url}/fn/web?x=1`);

    for (const res of [list, missing, strategy]) {
      assert.equal(res.status, 400);
      assert.match(String(res.body['error']), /unknown query parameter "x"; .* takes none/);
    }
    assert.equal(gw.strategy(), 'RR');
    assert.equal(page.status, 200, 'the query of /fn is the function\'s');
  });

  it('answers what the HTTP parser refuses as JSON too: a broken request 400, oversized headers 431', async (t) => {
    const gw = await startGateway(t);

    const broken = await rawExchange(gw.url, 'POST /invoke?fn=x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n');
    const huge = await rawExchange(gw.url, `GET /functions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);

    assert.match(broken, /^HTTP\/1\.1 400 Bad Request\r\n/);
    assert.equal(jsonBody(broken).code, 'BAD_REQUEST');
    assert.match(huge, /^HTTP\/1\.1 431 /);
    assert.equal(jsonBody(huge).code, 'HEADERS_TOO_LARGE');
  });

  it('refuses a memoryMiB over FAAS_MAX_MEMORY_MIB, which a worker could not hold, and stores nothing', async (t) => {
    const gw = await startGateway(t, { maxMemoryMiB: 256 });

    const over = await post(`${gw.url}/deploy?name=big&lang=c&memoryMiB=512`, 'int main(void) { return 0; }');
    const within = await post(`${gw.url}/deploy?name=big&lang=c&memoryMiB=256`, 'int main(void) { return 0; }');

    assert.equal(over.status, 400);
    assert.match(String(over.body['error']), /memoryMiB/);
    assert.equal(within.status, 201, JSON.stringify(within.body));
    assert.equal(((await request(`${gw.url}/function/big/versions`)).body['versions'] as unknown[]).length, 1);
  });

  it('answers HEAD /events with the headers only instead of opening the stream', async (t) => {
    const gw = await startGateway(t);

    const res = await fetch(`${gw.url}/events`, { method: 'HEAD', signal: AbortSignal.timeout(3000) });

    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  });

  it('does not list under a name the runs of a deleted version that ended after the delete', async (t) => {
    const gw = await startGateway(t, { answer: async () => (await sleep(400), result('OUTCOME_OK', 'late')) });
    await deployPython(gw.url, 'slow');

    const inFlight = post(`${gw.url}/invoke?fn=slow`, '');
    await sleep(100);
    assert.equal((await request(`${gw.url}/function/slow`, { method: 'DELETE' })).status, 200);
    await inFlight;
    await deployPython(gw.url, 'slow');
    const history = await request(`${gw.url}/function/slow/invocations`);

    assert.deepEqual(history.body['invocations'], []);
  });
});
