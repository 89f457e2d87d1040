import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deploy, invoke, request, startTestStack, type TestStack } from './harness.js';

const API_TOKEN = 'test-api-token-0123456789';
const INVOKE_TOKEN = 'test-invoke-token-9876543210';

describe('who may do what', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ workers: 1, env: { FAAS_API_TOKEN: API_TOKEN, FAAS_INVOKE_TOKEN: INVOKE_TOKEN } });
  });
  after(async () => {
    await stack?.destroy();
  });

  const post = (path: string, headers: Record<string, string>, body = 'console.log("hi")') =>
    request(`${stack.url}${path}`, { method: 'POST', headers, body });

  it('refuses a deploy without the API token, with 401 UNAUTHORIZED', async () => {
    const none = await deploy(stack.url, 'guarded', 'js', 'console.log(1)');
    assert.equal(none.status, 401);
    assert.equal(none.body.code, 'UNAUTHORIZED');
    assert.match(String(none.body.error), /API token \(FAAS_API_TOKEN\)$/);
    const wrong = await post('/deploy?name=guarded&lang=js', { authorization: `Bearer ${API_TOKEN}x` });
    assert.equal(wrong.status, 401);
    const invokeTokenIsNotEnough = await post('/deploy?name=guarded&lang=js', { authorization: `Bearer ${INVOKE_TOKEN}` });
    assert.equal(invokeTokenIsNotEnough.status, 401);
  });

  it('deploys with the API token and invokes with either token', async () => {
    const ok = await post('/deploy?name=guarded&lang=js', { authorization: `Bearer ${API_TOKEN}` });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const refused = await invoke(stack.url, 'guarded');
    assert.equal(refused.status, 401);
    assert.match(String(refused.body.error), /FAAS_INVOKE_TOKEN/);
    const byInvoker = await post('/invoke?fn=guarded', { authorization: `Bearer ${INVOKE_TOKEN}` }, '');
    assert.equal(byInvoker.body.output, 'hi\n');
    const byAdmin = await post('/invoke?fn=guarded', { authorization: `bearer ${API_TOKEN}` }, '');
    assert.equal(byAdmin.body.output, 'hi\n');
  });

  it('refuses cross-site browser requests to routes that change or run something', async () => {
    const auth = { authorization: `Bearer ${API_TOKEN}` };
    const crossSite = await post('/deploy?name=csrf&lang=js', { ...auth, 'sec-fetch-site': 'cross-site' });
    assert.equal(crossSite.status, 403);
    assert.equal(crossSite.body.code, 'FORBIDDEN');
    const sameSite = await post('/deploy?name=csrf&lang=js', { ...auth, 'sec-fetch-site': 'same-site' });
    assert.equal(sameSite.status, 403);
    const foreignOrigin = await post('/invoke?fn=guarded', { ...auth, origin: 'http://evil.example' }, '');
    assert.equal(foreignOrigin.status, 403);
    const ownOrigin = await post('/deploy?name=csrf&lang=js', { ...auth, origin: stack.url, 'sec-fetch-site': 'same-origin' });
    assert.equal(ownOrigin.status, 201);
  });

  it('leaves reading routes open to cross-site requests', async () => {
    const read = await request(`${stack.url}/healthz`, { headers: { 'sec-fetch-site': 'cross-site' } });
    assert.equal(read.status, 200);
  });
});
