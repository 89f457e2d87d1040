// Health probe for container healthchecks: exits 0 when the service answers, 1 when it does not.
//   node healthcheck.mjs load-balancer | dispatcher | worker   grpc.health.v1 on its socket
//   node healthcheck.mjs gateway                                GET /healthz on FAAS_HTTP_PORT
//   node healthcheck.mjs unix:///path/to.sock | http://host/    that target as given
// The Dockerfiles copy it to /app/healthcheck.mjs, beside the node_modules of `pnpm deploy`, where
// '@minifaas/protocol' (a dependency of every app) resolves; in the repo it resolves from the root.
import { readdirSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

const TIMEOUT_MS = 2000;
const env = process.env;
const what = process.argv[2] ?? '';
// The services' own default (@minifaas/config DEFAULTS.socketDir) when FAAS_SOCKET_DIR is unset.
const socketDir = env.FAAS_SOCKET_DIR || join(tmpdir(), `minifaas-${process.getuid?.() ?? 0}`);

/** gRPC targets to ask; a worker without FAAS_WORKER_ID is `worker-<hostname>-<pid>`: glob it. */
function grpcTargets(name) {
  if (name.startsWith('unix:')) return [name];
  const file = {
    'load-balancer': env.FAAS_LB_SOCKET || join(socketDir, 'load-balancer.sock'),
    dispatcher: env.FAAS_DISPATCHER_SOCKET || join(socketDir, 'dispatcher.sock'),
    worker:
      env.FAAS_WORKER_SOCKET ||
      (env.FAAS_WORKER_ID && join(socketDir, `worker-${env.FAAS_WORKER_ID}.sock`)),
  }[name];
  if (file) return [`unix://${file}`];
  if (name !== 'worker') return undefined;
  const prefix = `worker-${hostname()}-`;
  let names = [];
  try {
    names = readdirSync(socketDir).filter((n) => n.startsWith(prefix) && n.endsWith('.sock'));
  } catch {
    // no socket dir yet: not healthy
  }
  return names.map((n) => `unix://${join(socketDir, n)}`);
}

async function healthy() {
  if (what === 'gateway' || /^https?:/.test(what)) {
    const port = env.FAAS_HTTP_PORT || 8080;
    const url = what === 'gateway' ? `http://127.0.0.1:${port}/healthz` : what;
    const signal = AbortSignal.timeout(TIMEOUT_MS);
    const res = await fetch(url, { signal }).catch(() => undefined);
    return res?.ok === true;
  }
  const targets = grpcTargets(what);
  if (!targets) {
    process.stderr.write(
      'usage: healthcheck.mjs load-balancer|dispatcher|worker|gateway|unix:///socket|http://url\n',
    );
    process.exit(2);
  }
  const { checkHealth } = await import('@minifaas/protocol');
  // A stale socket of an earlier run of this container may sit beside the live one.
  const answers = await Promise.all(targets.map((t) => checkHealth(t, TIMEOUT_MS)));
  return answers.includes(true);
}

process.exit((await healthy()) ? 0 : 1);
