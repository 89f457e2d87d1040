import { mkdirSync, rmSync, statSync } from 'node:fs';
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

/**
 * Makes the socket's directory and removes a stale socket file left by a crashed process, so a
 * restarted service binds again instead of failing with EADDRINUSE. Refuses to delete anything
 * that is not a socket.
 */
export function prepareSocketPath(socketPath: string): void {
  mkdirSync(dirname(socketPath), { recursive: true });
  let stat;
  try {
    stat = statSync(socketPath);
  } catch {
    return;
  }
  if (!stat.isSocket()) throw new Error(`${socketPath} exists and is not a socket; refusing to remove it`);
  rmSync(socketPath, { force: true });
}

export function removeSocket(socketPath: string): void {
  rmSync(socketPath, { force: true });
}
