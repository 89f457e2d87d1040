import { mkdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';

/** The gRPC target for a UNIX socket path. */
export function unixTarget(socketPath: string): string {
  return `unix://${socketPath}`;
}

/** Where each service listens inside the socket directory. */
export function socketPaths(socketDir: string) {
  return {
    loadBalancer: join(socketDir, 'load-balancer.sock'),
    dispatcher: join(socketDir, 'dispatcher.sock'),
    worker: (workerId: string) => join(socketDir, `worker-${workerId}.sock`),
  };
}

/** How long a connection to an existing socket file may take before it counts as stale. */
const LIVE_SOCKET_PROBE_MS = 1000;

/**
 * Makes the socket's directory and removes a stale socket file left by a crashed process, so a
 * restarted service binds again instead of failing with EADDRINUSE. Refuses to delete anything
 * that is not a socket, and a socket that another process still listens on: taking it over
 * would cut that process off from every service that finds it by its path.
 */
export async function prepareSocketPath(socketPath: string): Promise<void> {
  mkdirSync(dirname(socketPath), { recursive: true });
  let stat;
  try {
    stat = statSync(socketPath);
  } catch {
    return;
  }
  if (!stat.isSocket()) throw new Error(`${socketPath} exists and is not a socket; refusing to remove it`);
  if (await socketAnswers(socketPath)) {
    throw new Error(
      `${socketPath} is in use by a running process; stop it first, or give this one another socket (FAAS_SOCKET_DIR, or FAAS_WORKER_ID for a worker)`,
    );
  }
  rmSync(socketPath, { force: true });
}

/** True when something accepts connections on the socket; false for a file nobody listens on. */
function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    const done = (answers: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answers);
    };
    const timer = setTimeout(() => done(false), LIVE_SOCKET_PROBE_MS);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function removeSocket(socketPath: string): void {
  rmSync(socketPath, { force: true });
}
