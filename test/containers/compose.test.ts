// The containerised stack of docker-compose.yml, driven by scripts/test-containers.sh (which
// builds the images, brings the project up and sets FAAS_TEST_URL). Not part of `npm test`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { compose, deploy, eventually, invoke, request, waitForWorkers, type JsonReply } from '../e2e/harness.js';

const URL = process.env['FAAS_TEST_URL']?.replace(/\/$/, '') ?? '';

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const workerContainers = async () => (await compose(['ps', '-q', 'worker'])).split('\n').filter(Boolean);
const inspect = (id: string) => JSON.parse(docker('inspect', id))[0] as Record<string, any>;
const workerCount = async () => Number((await request(`${URL}/healthz`)).body['workers'] ?? 0);

describe('docker compose', () => {
  before(async () => {
    assert.ok(URL, 'FAAS_TEST_URL is not set: run `npm run test:containers`, which brings the containers up');
    await compose(['up', '-d', '--no-build', '--scale', 'worker=4']);
    await waitForWorkers(URL, 4, 120_000);
    await deploy(URL, 'hello', 'c', '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n');
    await deploy(URL, 'slow', 'python', 'import time, sys\ntime.sleep(float(sys.stdin.read() or "1"))\nprint("done")\n');
  });

  it('publishes only the gateway, on 127.0.0.1', async () => {
    for (const service of ['load-balancer', 'dispatcher', 'worker']) {
      for (const id of (await compose(['ps', '-q', service])).split('\n').filter(Boolean)) {
        assert.deepEqual(Object.values(inspect(id)['NetworkSettings']['Ports'] ?? {}).filter(Boolean), [], service);
      }
    }
    const [gateway] = (await compose(['ps', '-q', 'gateway'])).split('\n');
    const ports = inspect(String(gateway))['NetworkSettings']['Ports']['8080/tcp'] as Array<{ HostIp: string }>;
    assert.deepEqual(ports.map((p) => p.HostIp), ['127.0.0.1']);
  });

  it('locks worker containers down: no network, read-only root, capped pids and memory, few capabilities', async () => {
    const [id] = await workerContainers();
    const host = inspect(String(id))['HostConfig'];
    assert.equal(host['NetworkMode'], 'none');
    assert.equal(host['ReadonlyRootfs'], true);
    assert.ok(host['PidsLimit'] > 0 && host['Memory'] > 0, JSON.stringify([host['PidsLimit'], host['Memory']]));
    assert.deepEqual(host['CapDrop'], ['ALL']);
    assert.deepEqual([...host['CapAdd']].sort(), ['CHOWN', 'DAC_OVERRIDE', 'KILL', 'SETGID', 'SETUID']);
    assert.ok(host['SecurityOpt'].some((o: string) => o.startsWith('no-new-privileges')));
    const env = inspect(String(id))['Config']['Env'] as string[];
    assert.ok(!env.some((e) => /TOKEN|SECRET|PASSWORD/i.test(e)), 'no secret in the worker environment');
  });

  it('runs a native function that cannot write the image, see the network or keep its uid root', async () => {
    await deploy(URL, 'probe', 'python', [
      'import os, socket',
      'try:\n    open("/app/x", "w")\n    print("wrote /app")\nexcept OSError:\n    print("image read-only")',
      'print(sorted(n for _, n in socket.if_nameindex()))',
      'print(os.getuid() >= 200000, os.getgid() != 0)',
    ].join('\n'));
    const ran = await invoke(URL, 'probe');
    assert.equal(ran.body.output, "image read-only\n['lo']\nTrue True\n", JSON.stringify(ran.body));
  });

  it('keeps serving when a worker container is killed mid-run, and forgets that worker', async () => {
    const before = await workerContainers();
    assert.equal(before.length, 4);
    const calls = Array.from({ length: 4 }, () => invoke(URL, 'slow', '3'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const victim = String(before[0]);
    docker('kill', victim);
    const replies: JsonReply[] = await Promise.all(calls);
    const lost = replies.filter((r) => r.status !== 200);
    assert.equal(lost.length, 1, JSON.stringify(replies.map((r) => r.body)));
    assert.equal(lost[0]?.status, 502);
    assert.equal(lost[0]?.body.code, 'WORKER_LOST');
    assert.ok(replies.filter((r) => r.status === 200).every((r) => r.body.output === 'done\n'));
    // The load balancer drops it when its Register stream ends (docker may restart the container,
    // which then registers anew); every call after that succeeds.
    for (let i = 0; i < 8; i++) assert.equal((await invoke(URL, 'hello')).body.output, 'hi\n');
    await compose(['up', '-d', '--no-build', '--scale', 'worker=4']);
    await waitForWorkers(URL, 4, 120_000);
  });

  it('spreads round robin over six workers after --scale worker=6', async () => {
    await compose(['up', '-d', '--no-build', '--scale', 'worker=6']);
    await waitForWorkers(URL, 6, 120_000);
    const counts = new Map<string, number>();
    for (let i = 0; i < 12; i++) {
      const ran = await invoke(URL, 'hello');
      assert.equal(ran.status, 200, JSON.stringify(ran.body));
      counts.set(String(ran.body.worker), (counts.get(String(ran.body.worker)) ?? 0) + 1);
    }
    assert.deepEqual([...counts.values()], [2, 2, 2, 2, 2, 2], JSON.stringify([...counts]));
    const hosts = new Set((await workerContainers()).map((id) => id.slice(0, 12)));
    for (const worker of counts.keys()) assert.ok(hosts.has(worker.split('-')[0] ?? ''), `${worker} is one of the worker containers`);
  });

  it('forgets a worker whose container stops', async () => {
    await compose(['up', '-d', '--no-build', '--scale', 'worker=2']);
    await eventually(async () => (await workerCount()) === 2, 30_000, 'scaled down to 2 workers');
    for (let i = 0; i < 4; i++) assert.equal((await invoke(URL, 'hello')).status, 200);
  });
});
