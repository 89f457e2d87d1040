// `npm start [-- STRATEGY]`: set up what is missing, then start the load balancer, dispatcher,
// gateway and workers as separate processes. Ctrl+C or SIGTERM stops them all cleanly; so does
// the death of the gateway, dispatcher or load balancer (exit 1), or of the process that ran us.
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap, ROOT } from './bootstrap.mjs';
import { toolchainReport } from './toolchains.mjs';

bootstrap();
const { startStack } = await import('../packages/stack/dist/index.js');
const { STRATEGIES } = await import('../packages/config/dist/index.js');
const { createLogger } = await import('../packages/logger/dist/index.js');

const env = process.env;
const strategy = (process.argv[2] ?? env.FAAS_LB_STRATEGY ?? 'RR').toUpperCase();
const workers = Number(env.FAAS_WORKERS ?? 4);
const weights = (env.FAAS_WORKER_WEIGHTS ?? '').split(',').filter(Boolean).map(Number);
const uid = process.getuid?.() ?? 0;
const socketDir = env.FAAS_SOCKET_DIR || join(tmpdir(), `minifaas-${uid}`);
const dataDir = env.FAAS_DATA_DIR || join(homedir(), '.local', 'share', 'minifaas');
// Readable text on a terminal, JSON lines into a file or pipe (no colour codes in a log file).
const pretty = (env.FAAS_LOG_FORMAT || (process.stderr.isTTY ? 'pretty' : 'json')) === 'pretty';
const logger = createLogger('minifaas', { format: pretty ? 'pretty' : 'json', level: env.FAAS_LOG_LEVEL || 'info' });

if (!STRATEGIES.includes(strategy) || !Number.isInteger(workers) || workers < 1 || weights.some((w) => !(w >= 1))) {
  process.stderr.write(`usage: npm start -- [${STRATEGIES.join('|')}]   (FAAS_WORKERS >= 1, FAAS_WORKER_WEIGHTS like 3,1,1,1)\n`);
  process.exit(2);
}

let stopping = false;
const starting = startStack({
  rootDir: ROOT,
  env: { ...env, FAAS_LOG_FORMAT: pretty ? 'pretty' : 'json' },
  workers,
  weights,
  strategy,
  socketDir,
  dataDir,
  logger,
  onLog: (_service, line) => process.stderr.write(`${line}\n`),
  onServiceLost: (service, code, signal) => {
    logger.error('a core service died; stopping everything', { process: service, code, signal });
    shutdown(1);
  },
});
const stack = await starting.catch((err) => {
  process.stderr.write(`minifaas: could not start: ${err.message}\n`);
  process.exit(1);
});

const auth = env.FAAS_API_TOKEN ? ` -H "Authorization: Bearer $FAAS_API_TOKEN"` : '';
const pids = stack.services.map((s) => `${s.spec.name}=${s.pid}`).join(' ');
process.stdout.write(`
  minifaas is up
  gateway     ${stack.url}
  sockets     ${stack.socketDir}
  data        ${stack.dataDir}
  strategy    ${stack.strategy}
  processes   ${pids}
${await toolchainReport()}
  try:  curl${auth} -X POST --data-binary @examples/hello.c '${stack.url}/deploy?name=hello&lang=c'
        curl${auth} -X POST --data 'world' '${stack.url}/invoke?fn=hello'

  Ctrl+C stops everything.
`);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    logger.info('stopping', { signal });
    shutdown(0);
  });
}

// `npm start` runs us under a shell that does not pass signals on: `kill <npm's pid>` would leave
// every service running. When the process that started us goes away, stop as if told to.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid === parent) return;
  logger.info('stopping', { reason: 'the process that started minifaas is gone' });
  shutdown(0);
}, 500).unref();

function shutdown(exitCode) {
  if (stopping) return;
  stopping = true;
  starting.then((s) => s.stop()).then(() => process.exit(exitCode));
}
