import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rawRequest, startGateway } from './fake-neighbours.js';

describe('Host header (DNS rebinding)', () => {
  it('refuses a request naming a host it was not told to serve, on every route, and stores nothing', async (t) => {
    const gw = await startGateway(t);
    const port = new URL(gw.url).port;
    const rebound = { host: `rebind.evil.example:${port}`, origin: `http://rebind.evil.example:${port}`, 'sec-fetch-site': 'same-origin' };

    const deploy = await rawRequest(`${gw.url}/deploy?name=xs&lang=python`, { method: 'POST', headers: rebound, body: 'print(1)' });
    const read = await rawRequest(`${gw.url}/functions`, { headers: rebound });
    const page = await rawRequest(`${gw.url}/fn/xs`, { headers: rebound });

    for (const res of [deploy, read, page]) {
      assert.equal(res.status, 403, res.text);
      assert.match(JSON.parse(res.text).error, /does not answer to the host name .*rebind\.evil\.example.*FAAS_ALLOWED_HOSTS/);
    }
    const listed = await rawRequest(`${gw.url}/functions`);
    assert.deepEqual(JSON.parse(listed.text).functions, []);
  });

  it('answers to IP addresses, localhost and the names in FAAS_ALLOWED_HOSTS', async (t) => {
    const gw = await startGateway(t, { allowedHosts: ['faas.example.org'] });
    const port = new URL(gw.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `app.localhost:${port}`, `[::1]:${port}`, '10.1.2.3', `FAAS.example.org:${port}`]) {
      const res = await rawRequest(`${gw.url}/healthz`, { headers: { host } });
      assert.notEqual(res.status, 403, `${host}: ${res.text}`);
    }
    const other = await rawRequest(`${gw.url}/healthz`, { headers: { host: 'other.example.org' } });
    assert.equal(other.status, 403);
  });

  it('answers to any host with FAAS_ALLOWED_HOSTS=*', async (t) => {
    const gw = await startGateway(t, { allowedHosts: ['*'] });
    const res = await rawRequest(`${gw.url}/functions`, { headers: { host: 'anything.example' } });
    assert.equal(res.status, 200);
  });
});
