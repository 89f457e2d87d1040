// The ceiling of `pnpm bench`: what one call cost in the original design, a fresh process that
// initialises the runtime, loads the module, runs it once and exits.
// usage: node run-once.mjs MODULE.wasm [STDIN]
import { readFile } from 'node:fs/promises';
import { Wasmer } from '@wasmer/sdk/node';

const [modulePath, stdin = 'world'] = process.argv.slice(2);
const wasmer = new Wasmer({ cache: false });
await wasmer.ready();
const pkg = await wasmer.packages.load(await readFile(modulePath));
const sandbox = await wasmer.sandboxes.create({ packages: [pkg] });
const proc = await sandbox.command(pkg).spawn({ stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
const chunks = [];
const drained = (async () => {
  for await (const chunk of proc.stdout) chunks.push(Buffer.from(chunk));
})();
await proc.stdin.write(new TextEncoder().encode(stdin));
await proc.stdin.close();
const out = await proc.wait({ check: false });
await drained;
process.stdout.write(Buffer.concat(chunks));
// Exit at once: closing the runtime politely is not part of what a call cost.
process.exit(out.exitCode);
