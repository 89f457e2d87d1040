import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FunctionStore, type FunctionMeta } from '@minifaas/function-store';
import { silentLogger } from '@minifaas/logger';
import {
  call,
  createWorkerClient,
  grpcDeadline,
  invocationMetadata,
  isFaasError,
  unixTarget,
  type InvokeResult__Output,
  type PrepareReply__Output,
  type WorkerClient,
} from '@minifaas/protocol';
import { createCompilerDriver } from '@minifaas/compiler-driver';
import { resolveContainment } from '../src/containment.js';
import { createWorker } from '../src/index.js';

// No skipping: clang and python3 are installed here and in CI (scripts/install-toolchains.sh).

const FIXTURES = fileURLToPath(new URL('fixtures/', import.meta.url));
const OUTPUT_LIMIT_BYTES = 4096;
/** Set in the worker's own environment and in the env it is given; no function may see it. */
const CANARY = `canary-${process.pid}-${Date.now()}`;

const fixture = (file: string) => readFile(join(FIXTURES, file));
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('worker over a UNIX socket', () => {
  let store: FunctionStore;
  let client: WorkerClient;
  const fns: Record<string, FunctionMeta> = {};
  let invocations = 0;
  let containment: ReturnType<typeof resolveContainment> | undefined;
  /** Undone in reverse order after the suite; each is added right after what it undoes. */
  const cleanups: Array<() => unknown> = [];
  after(async () => {
    for (const undo of cleanups.reverse()) await undo();
  });

  before(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mf-wk-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    process.env['FAAS_TEST_CANARY'] = CANARY;
    cleanups.push(() => delete process.env['FAAS_TEST_CANARY']);

    // 1. Deploy the fixtures into a fresh data dir, compiling C with the real compiler.
    store = new FunctionStore(join(dir, 'data'));
    await store.open();
    const compiler = createCompilerDriver({ cacheDir: join(dir, 'cache') });
    const echo = await compiler.compile('c', await fixture('echo.c'));
    for (const name of ['echo', 'echo-warm', 'echo-doomed', 'echo-prepared']) {
      fns[name] = await store.add({ name, lang: 'c', source: await fixture('echo.c'), wasm: echo.wasm, compileMs: echo.durationMs });
    }
    const envc = await compiler.compile('c', await fixture('env.c'));
    fns['envc'] = await store.add({ name: 'envc', lang: 'c', source: await fixture('env.c'), wasm: envc.wasm, compileMs: 0 });
    for (const [name, lang, file] of [
      ['exit3', 'python', 'exit3.py'],
      ['flood', 'python', 'flood.py'],
      ['spin', 'python', 'spin.py'],
      ['envpy', 'python', 'env.py'],
      ['envjs', 'js', 'env.js'],
      ['page', 'html', 'page.html'],
    ] as const) {
      fns[name] = await store.add({ name, lang, source: await fixture(file), compileMs: 0 });
    }

    // 2. Start the worker on its socket, contained as main.ts would contain it on this host.
    const socket = join(dir, 'worker-w-test.sock');
    containment = resolveContainment('auto');
    const worker = createWorker({
      id: 'w-test',
      dataDir: store.dataDir,
      outputLimitBytes: OUTPUT_LIMIT_BYTES,
      containment,
      limits: { memoryLimitMiB: 256, maxProcesses: 64 },
      logger: silentLogger(),
      env: { ...process.env, FAAS_TEST_CANARY: CANARY },
    });
    await worker.ready();
    await worker.listen(socket);
    cleanups.push(() => worker.close(socket, 500));
    client = createWorkerClient(unixTarget(socket));
    cleanups.push(() => client.close());
  });

  interface Envs {
    fnEnv?: Record<string, string>;
    callEnv?: Record<string, string>;
  }

  function invoke(fn: FunctionMeta | undefined, stdin = Buffer.alloc(0), deadlineMs = Date.now() + 10_000, envs: Envs = {}) {
    assert.ok(fn, 'the function was deployed in before()');
    const invocationId = `inv-${++invocations}`;
    const request = { invocationId, function: { id: fn.id, name: fn.name, lang: fn.lang, env: envs.fnEnv ?? {} }, stdin, env: envs.callEnv ?? {} };
    return call<InvokeResult__Output>('the worker', (md, o, cb) => client.Invoke(request, md, o, cb), {
      deadline: grpcDeadline(deadlineMs),
      metadata: invocationMetadata(invocationId, deadlineMs),
    });
  }

  it('runs a C module with its stdin and returns its stdout', async () => {
    const stdin = Buffer.from('world\nsecond line \u00e9\u2603\n');

    const result = await invoke(fns['echo'], stdin);

    assert.equal(result.outcome, 'OUTCOME_OK');
    assert.equal(result.exitCode, 0);
    assert.deepEqual(Buffer.from(result.stdout), Buffer.concat([Buffer.from('got:'), stdin]));
    assert.equal(result.workerId, 'w-test');
  });

  it('reports the first call of a module as cold and the second as warm', async () => {
    const first = await invoke(fns['echo-warm'], Buffer.from('one'));

    const second = await invoke(fns['echo-warm'], Buffer.from('two'));

    assert.equal(first.cold, true);
    assert.equal(second.cold, false);
    assert.equal(text(second.stdout), 'got:two');
  });

  const prepare = (fn: FunctionMeta | undefined) => {
    assert.ok(fn, 'the function was deployed in before()');
    const request = { function: { id: fn.id, name: fn.name, lang: fn.lang } };
    return call<PrepareReply__Output>('the worker', (md, o, cb) => client.Prepare(request, md, o, cb), { deadline: Date.now() + 10_000 });
  };

  it('loads a prepared module before its first call, which then runs warm', async () => {
    const first = await prepare(fns['echo-prepared']);
    const again = await prepare(fns['echo-prepared']);

    const result = await invoke(fns['echo-prepared'], Buffer.from('hi'));

    assert.deepEqual([first.loaded, again.loaded, first.workerId], [true, false, 'w-test']);
    assert.equal(result.cold, false);
    assert.equal(text(result.stdout), 'got:hi');
  });

  it('has nothing to prepare for a native function', async () => {
    const reply = await prepare(fns['exit3']);

    assert.equal(reply.loaded, false);
  });

  it('answers FUNCTION_NOT_FOUND when preparing a module that is not in the data dir', async () => {
    const ghost = { ...fns['echo'], id: 'ghost_1760000001', name: 'ghost' } as FunctionMeta;

    await assert.rejects(prepare(ghost), (err) => isFaasError(err, 'FUNCTION_NOT_FOUND'));
  });

  it('answers OUTCOME_EXIT_NONZERO for a python function that exits 3, keeping stdout and stderr', async () => {
    const result = await invoke(fns['exit3']);

    assert.equal(result.outcome, 'OUTCOME_EXIT_NONZERO');
    assert.equal(result.exitCode, 3);
    assert.equal(text(result.stdout), 'partial output\n');
    assert.equal(text(result.stderr), 'something went wrong\n');
  });

  it('cuts output past the limit to exactly the limit and stops the function quickly', async () => {
    const started = Date.now();

    const result = await invoke(fns['flood'], Buffer.alloc(0), Date.now() + 10_000);

    assert.equal(result.stdout.length, OUTPUT_LIMIT_BYTES);
    assert.equal(result.stdoutTruncated, true);
    assert.equal(result.stderrTruncated, false);
    assert.notEqual(result.outcome, 'OUTCOME_TIMEOUT');
    assert.ok(Date.now() - started < 3000, `stopped after ${Date.now() - started} ms`);
  });

  it('stops a python spinner at the deadline and serves the next call', async () => {
    const deadlineMs = Date.now() + 1000;

    const result = await invoke(fns['spin'], Buffer.alloc(0), deadlineMs);

    assert.equal(result.outcome, 'OUTCOME_TIMEOUT');
    assert.ok(Date.now() < deadlineMs + 2000, `answered ${Date.now() - deadlineMs} ms after the deadline`);
    const next = await invoke(fns['exit3']);
    assert.equal(next.exitCode, 3);
  });

  it('returns the content of an html function as it is', async () => {
    const result = await invoke(fns['page']);

    assert.equal(result.outcome, 'OUTCOME_OK');
    assert.deepEqual(Buffer.from(result.stdout), await fixture('page.html'));
  });

  for (const name of ['envpy', 'envjs']) {
    it(`runs a native function (${name}) with none of the worker's environment`, async (t) => {
      t.diagnostic(`containment: ${String(containment)}`);
      const result = await invoke(fns[name]);

      assert.equal(result.outcome, 'OUTCOME_OK', text(result.stderr));
      const seen = JSON.parse(text(result.stdout)) as Record<string, string>;
      assert.ok(!JSON.stringify(seen).includes(CANARY), 'the canary leaked into the function');
      assert.equal(seen['FAAS_TEST_CANARY'], undefined);
      assert.notEqual(seen['HOME'], process.env['HOME']);
    });
  }

  it('gives a native function its own variables and the call\'s on top, but never a new PATH', async () => {
    const fnEnv = { GREETING: 'hello', MODE: 'from-deploy', PATH: '/evil' };
    const callEnv = { MODE: 'from-call', REQUEST_METHOD: 'POST' };

    const result = await invoke(fns['envpy'], Buffer.alloc(0), undefined, { fnEnv, callEnv });

    assert.equal(result.outcome, 'OUTCOME_OK', text(result.stderr));
    const seen = JSON.parse(text(result.stdout)) as Record<string, string>;
    assert.equal(seen['GREETING'], 'hello');
    assert.equal(seen['MODE'], 'from-call');
    assert.equal(seen['REQUEST_METHOD'], 'POST');
    assert.notEqual(seen['PATH'], '/evil');
  });

  it('gives a WASM function exactly its own variables and the call\'s', async () => {
    const result = await invoke(fns['envc'], Buffer.alloc(0), undefined, { fnEnv: { GREETING: 'hello' }, callEnv: { QUERY_STRING: 'a=1' } });

    assert.equal(result.outcome, 'OUTCOME_OK', text(result.stderr));
    assert.deepEqual(text(result.stdout).trim().split('\n').sort(), ['GREETING=hello', 'QUERY_STRING=a=1']);
  });

  it('refuses with BAD_REQUEST a variable the dynamic loader acts on, before anything runs', async () => {
    await assert.rejects(
      invoke(fns['envpy'], Buffer.alloc(0), undefined, { fnEnv: { LD_PRELOAD: '/tmp/evil.so' } }),
      (err) => isFaasError(err, 'BAD_REQUEST'),
    );
  });

  it('stops serving a warm module as soon as its version is deleted', async () => {
    const warm = await invoke(fns['echo-doomed'], Buffer.from('one'));
    assert.equal(warm.outcome, 'OUTCOME_OK');

    await store.remove(fns['echo-doomed']?.id ?? '');

    await assert.rejects(invoke(fns['echo-doomed'], Buffer.from('two')), (err) => isFaasError(err, 'FUNCTION_NOT_FOUND'));
  });

  it('answers FUNCTION_NOT_FOUND for a C function that is not in the data dir', async () => {
    const ghost = { ...fns['echo'], id: 'ghost_1760000000', name: 'ghost' } as FunctionMeta;

    await assert.rejects(invoke(ghost), (err) => isFaasError(err, 'FUNCTION_NOT_FOUND'));
  });

  for (const lang of ['python', 'html']) {
    it(`answers FUNCTION_NOT_FOUND for a ${lang} function that is not in the data dir`, async () => {
      const ghost = { ...fns['exit3'], id: `ghost-${lang}_1760000000`, name: `ghost-${lang}`, lang } as FunctionMeta;

      await assert.rejects(invoke(ghost), (err) => isFaasError(err, 'FUNCTION_NOT_FOUND'));
    });
  }
});
