// Minimal reproduction of two @wasmer/sdk 0.16 behaviours minifaas works around (see
// docs/performance.md): the first spawns start the SDK's pool threads (hundreds of ms each), and
// every spawn leaves native memory that only a full V8 collection gives back.
//
//   node packages/bench/repro/sdk-spawn.mjs MODULE.wasm [CALLS] [--gc-every N]
//
// Prints the time of the first calls, then RSS every CALLS/6 calls. With --gc-every N it runs
// node with --expose-gc semantics (v8 flag) and collects every N calls.
import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Wasmer } from '@wasmer/sdk/node';

const [modulePath, callsArg = '3000'] = process.argv.slice(2);
const gcEvery = Number(process.argv[process.argv.indexOf('--gc-every') + 1] || 0);
if (!modulePath) {
  console.error('usage: node sdk-spawn.mjs MODULE.wasm [CALLS] [--gc-every N]');
  process.exit(2);
}
const calls = Number(callsArg);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const wasmer = new Wasmer({ cache: false });
await wasmer.ready();
const pkg = await wasmer.packages.load(await readFile(modulePath));
const sandbox = await wasmer.sandboxes.create({ packages: [pkg] });
const input = new TextEncoder().encode('world');
const drain = async (stream) => {
  for await (const _chunk of stream);
};
const once = async () => {
  const proc = await sandbox.command(pkg).spawn({ stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
  const streams = Promise.all([drain(proc.stdout), drain(proc.stderr)]);
  await proc.stdin.write(input);
  await proc.stdin.close();
  await proc.wait({ check: false });
  await streams;
};
const rssMiB = () => Math.round(process.memoryUsage().rss / 2 ** 20);

const first = [];
for (let i = 0; i < 4; i++) {
  const started = performance.now();
  await once();
  first.push(Math.round(performance.now() - started));
}
console.log(`first calls (ms): ${first.join(' ')}`);
const samples = [`${rssMiB()}`];
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (let i = 1; i <= calls; i++) {
  await once();
  if (gcEvery && i % gcEvery === 0) gc();
  if (i % Math.ceil(calls / 6) === 0) samples.push(`${i}:${rssMiB()}`);
}
const cpu = process.cpuUsage(cpuBefore);
const wallMs = (performance.now() - started) / calls;
console.log(`per call: ${wallMs.toFixed(2)} ms wall, ${((cpu.user + cpu.system) / 1000 / calls).toFixed(2)} ms CPU (all threads)`);
console.log(`RSS MiB (after N calls${gcEvery ? `, full GC every ${gcEvery}` : ''}): ${samples.join(' ')}`);
await sandbox.close();
await wasmer.close();
