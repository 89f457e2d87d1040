import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { ENV_FILE, FunctionStore, functionsDir, META_FILE, versionDir } from '../src/index.js';

async function openStore(t: TestContext, keepVersions?: number) {
  const dir = await mkdtemp(join(tmpdir(), 'mf-fs-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const store = new FunctionStore(dir, { keepVersions });
  await store.open();
  return store;
}

const version = (name: string, source = 'print(1)\n', env?: Record<string, string>) => ({
  name,
  lang: 'python',
  source: Buffer.from(source),
  compileMs: 0,
  ...(env ? { env } : {}),
});

describe('FunctionStore', () => {
  it('keeps env values out of meta.json, in an env.json only its owner can read, and reads them back', async (t) => {
    const store = await openStore(t);

    const meta = await store.add(version('withenv', 'x', { API_KEY: 'sekret-value', MODE: 'fast' }));

    assert.deepEqual(meta.envNames, ['API_KEY', 'MODE']);
    const dir = versionDir(store.dataDir, meta.id);
    assert.ok(!(await readFile(join(dir, META_FILE), 'utf8')).includes('sekret-value'));
    assert.equal((await stat(join(dir, ENV_FILE))).mode & 0o777, 0o600);
    const reopened = new FunctionStore(store.dataDir);
    await reopened.open();
    assert.deepEqual(reopened.env(meta.id), { API_KEY: 'sekret-value', MODE: 'fast' });
    assert.deepEqual(reopened.env('nothing_1760000000'), {});
  });

  it('deletes one version: it stops resolving, its folder goes, and the name falls back to the previous one', async (t) => {
    const store = await openStore(t);
    const first = await store.add(version('fn', 'one'));
    const second = await store.add(version('fn', 'two'));

    const removed = await store.remove(second.id);

    assert.equal(removed?.id, second.id);
    assert.equal(store.resolve(second.id), undefined);
    assert.equal(store.resolve('fn')?.id, first.id);
    assert.deepEqual(await readdir(functionsDir(store.dataDir)), [first.id]);
    assert.equal(await store.remove(second.id), undefined);
  });

  it('deletes every version of a name and never issues a deleted id again', async (t) => {
    const store = await openStore(t);
    const a = await store.add(version('gone'));
    const b = await store.add(version('gone'));

    const removed = await store.removeName('gone');
    const again = await store.add(version('gone'));

    assert.deepEqual(removed.map((m) => m.id), [a.id, b.id]);
    assert.ok(![a.id, b.id].includes(again.id), `${again.id} reuses a deleted id`);
    assert.deepEqual(store.versions('gone').map((m) => m.id), [again.id]);
    assert.deepEqual(store.names(), ['gone']);
  });

  it('keeps only the newest keepVersions versions of a name', async (t) => {
    const store = await openStore(t, 3);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await store.add(version('many', `v${i}`))).id);
    await store.add(version('other'));

    assert.deepEqual(store.versions('many').map((m) => m.id), ids.slice(2));
    assert.equal(store.resolve(ids[0] as string), undefined);
    assert.equal((await readdir(functionsDir(store.dataDir))).length, 4);
  });

  it('keeps names and ids apart: a name that is an id is refused, an id that is a name is skipped', async (t) => {
    const store = await openStore(t);
    const pay = await store.add(version('pay'));
    await assert.rejects(store.add(version(pay.id)), { code: 'INVALID_NAME', message: new RegExp(`"${pay.id}" is the id of a version of pay`) });

    // Functions named like the ids the next deploys of \`pay\` in the same second would get.
    const squatters = [await store.add(version(`${pay.id}_2`)), await store.add(version(`${pay.id}_3`))];
    const next = await store.add(version('pay'));

    assert.ok(!squatters.some((s) => s.name === next.id), `${next.id} is also the name of a function`);
    for (const s of squatters) assert.equal(store.resolve(s.name)?.name, s.name);
    assert.equal(store.resolve(next.id)?.name, 'pay');
  });

  it('keeps the data folder and every stored file out of reach of other users', async (t) => {
    const store = await openStore(t);
    const meta = await store.add({ ...version('private'), wasm: Buffer.from([0, 0x61, 0x73, 0x6d]) });
    const dir = versionDir(store.dataDir, meta.id);

    assert.equal((await stat(store.dataDir)).mode & 0o007, 0, 'the data folder is open to others');
    assert.equal((await stat(dir)).mode & 0o007, 0);
    for (const file of await readdir(dir)) assert.equal((await stat(join(dir, file))).mode & 0o007, 0, file);
  });

  it('refuses a keepVersions below 1 as misuse', () => {
    assert.throws(() => new FunctionStore('/nowhere', { keepVersions: 0 }), TypeError);
  });
});
