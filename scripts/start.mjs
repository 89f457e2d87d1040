// `npm start [-- STRATEGY]`: set up what is missing, then start the load balancer, dispatcher,
// gateway and workers as separate processes. Ctrl+C or SIGTERM stops them all cleanly.
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap, ROOT } from './bootstrap.mjs';
import { toolchainReport } from './toolchains.mjs';

bootstrap();
const { startStack } = await import('../packages/stack/dist/index.js');
const { STRATEGIES } = await import('../packages/config/dist/index.js');

const env = process.env;
const strategy = (process.argv[2] ?? env.FAAS_LB_STRATEGY ?? 'RR').toUpperCase();
const workers = Number(env.FAAS_WORKERS ?? 4);
const weights = (env.FAAS_WORKER_WEIGHTS ?? '').split(',').filter(Boolean).map(Number);
const uid = process.getuid?.() ?? 0;
const socketDir = env.FAAS_SOCKET_DIR || join(tmpdir(), `minifaas-${uid}`);
const dataDir = env.FAAS_DATA_DIR || join(homedir(), '.local', 'share', 'minifaas');
const pretty = (env.FAAS_LOG_FORMAT ?? 'pretty') === 'pretty';

if (!STRATEGIES.includes(strategy) || !Number.isInteger(workers) || workers < 1 || weights.some((w) => !(w >= 1))) {
  process.stderr.write(`usage: npm start -- [${STRATEGIES.join('|')}]   (FAAS_WORKERS >= 1, FAAS_WORKER_WEIGHTS like 3,1,1,1)\n`);
  process.exit(2);
}

const stack = await startStack({
  rootDir: ROOT,
  env: { ...env, FAAS_LOG_FORMAT: pretty ? 'pretty' : 'json' },
  workers,
  weights,
  strategy,
  socketDir,
  dataDir,
  onLog: (_service, line) => process.stderr.write(`${line}\n`),
}).catch((err) => {
  process.stderr.write(`minifaas: could not start: ${err.message}\n`);
  process.exit(1);
});

const pids = stack.services.map((s) => `${s.spec.name}=${s.pid}`).join(' ');
process.stdout.write(`
  minifaas is up
  gateway     ${stack.url}
  sockets     ${stack.socketDir}
  data        ${stack.dataDir}
  strategy    ${stack.strategy}
  processes   ${pids}
${await toolchainReport()}
  try:  curl -X POST --data-binary @examples/hello.c '${stack.url}/deploy?name=hello&lang=c'
        curl -X POST --data 'world' '${stack.url}/invoke?fn=hello'

  Ctrl+C stops everything.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`minifaas: ${signal}, stopping\n`);
    stack.stop().then(() => process.exit(0));
  });
}
