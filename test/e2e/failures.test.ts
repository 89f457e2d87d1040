import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deploy, eventually, invoke, request, startTestStack, type TestStack } from './harness.js';

describe('failures', () => {
  let stack: TestStack;
  before(async () => {
    // Twelve versions of one name must all stay: retention (FAAS_KEEP_VERSIONS) is not under test.
    stack = await startTestStack({ workers: 4, env: { FAAS_KEEP_VERSIONS: '20' } });
    await deploy(stack.url, 'hello', 'c', '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n');
    await deploy(stack.url, 'slow', 'python', 'import time, sys\ntime.sleep(float(sys.stdin.read() or "1"))\nprint("done")\n');
  });
  after(async () => {
    await stack?.destroy();
  });

  it('survives a worker killed with SIGKILL under load: it is dropped, replaced, and only its own call fails', async () => {
    const workerCount = async () => Number((await request(`${stack.url}/healthz`)).body['workers'] ?? 0);
    const victim = stack.workers[1];
    const pid = victim?.pid;
    assert.ok(pid);
    let stop = false;
    const statuses: Array<[number, string | undefined]> = [];
    const load = Array.from({ length: 8 }, async (_, i) => {
      while (!stop) {
        const reply = await invoke(stack.url, i % 2 ? 'hello' : 'slow', '0.2');
        statuses.push([reply.status, reply.body.code]);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    process.kill(pid, 'SIGKILL');
    // The load balancer drops it within 2 s; the launcher starts a new one under the same name.
    await eventually(async () => victim?.pid !== pid && (await workerCount()) === 4, 5000, 'the killed worker was replaced');
    await new Promise((resolve) => setTimeout(resolve, 700));
    stop = true;
    await Promise.all(load);
    const failures = statuses.filter(([status]) => status !== 200);
    assert.ok(failures.every(([status, code]) => status === 502 && code === 'WORKER_LOST'), JSON.stringify(failures));
    assert.ok(failures.length <= 1, `${failures.length} calls failed`);
    assert.ok(statuses.length > 20);
    for (let i = 0; i < 8; i++) assert.equal((await invoke(stack.url, 'hello')).body.output, 'hi\n');
  });

  it('lets in-flight calls finish on the version they started with while a redeploy lands', async () => {
    const v1 = await deploy(stack.url, 'moving', 'python', 'import time\ntime.sleep(1)\nprint("v1")\n');
    const inFlight = invoke(stack.url, 'moving');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const v2 = await deploy(stack.url, 'moving', 'python', 'print("v2")\n');
    assert.notEqual(v1.body.id, v2.body.id);
    assert.equal((await invoke(stack.url, 'moving')).body.output, 'v2\n');
    assert.equal((await inFlight).body.output, 'v1\n');
  });

  it('keeps concurrent deploys of one name as distinct, consistent versions', async () => {
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => deploy(stack.url, 'racer', 'js', `console.log(${i})`)),
    );
    const ids = replies.map((r) => String(r.body.id));
    assert.equal(new Set(ids).size, 12);
    for (const [i, id] of ids.entries()) assert.equal((await invoke(stack.url, id)).body.output, `${i}\n`);
    const latest = await request(`${stack.url}/function/racer`);
    assert.equal(latest.body.versions, 12);
    assert.ok(ids.includes(String(latest.body.id)));
  });

  it('refuses to start a second stack on the same sockets or port, and the running one keeps serving', async () => {
    await assert.rejects(
      startTestStack({ socketDir: stack.socketDir, removeDirs: false }),
      /another minifaas is running with its sockets in/,
    );
    await assert.rejects(startTestStack({ httpPort: Number(new URL(stack.url).port) }), /port \d+ on 127\.0\.0\.1 is in use/);
    assert.equal((await invoke(stack.url, 'hello')).body.output, 'hi\n');
    assert.equal((await request(`${stack.url}/healthz`)).body.workers, 4);
  });

  it('drains in-flight calls on shutdown and keeps every function for the restart', async () => {
    const inFlight = invoke(stack.url, 'slow', '1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stack.stop();
    const finished = await inFlight;
    assert.equal(finished.status, 200);
    assert.equal(finished.body.output, 'done\n');
    stack = await startTestStack({ dataDir: stack.dataDir, socketDir: stack.socketDir, removeDirs: true, env: { FAAS_KEEP_VERSIONS: '20' } });
    assert.equal((await invoke(stack.url, 'hello')).body.output, 'hi\n');
    assert.equal((await request(`${stack.url}/function/racer`)).body.versions, 12);
  });
});

describe('a core service that dies', () => {
  it('is reported to the launcher, which is left to stop the rest (nothing restarts it behind its back)', async () => {
    const lost: Array<{ service: string; signal: string | null }> = [];
    const stack = await startTestStack({ workers: 1, onServiceLost: (service, _code, signal) => lost.push({ service, signal }) });
    try {
      const dispatcher = stack.services.find((s) => s.spec.name === 'dispatcher');
      dispatcher?.child?.kill('SIGKILL');
      await eventually(() => lost.length > 0, 5000, 'the dispatcher to be reported lost');
      assert.deepEqual(lost, [{ service: 'dispatcher', signal: 'SIGKILL' }]);
      assert.equal(dispatcher?.child?.exitCode ?? dispatcher?.child?.signalCode, 'SIGKILL');
    } finally {
      await stack.destroy();
    }
  });
});
