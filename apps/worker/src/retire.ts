import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { Server } from '@grpc/grpc-js';
import type { Logger } from '@minifaas/logger';
import { closeServer } from '@minifaas/protocol';

/** Exit status of a worker that retires itself to be replaced (sysexits EX_TEMPFAIL). */
export const RETIRE_EXIT_CODE = 75;

/**
 * Retires a worker whose guest had to be stopped at its deadline: the guest's thread may still
 * spin inside @wasmer/sdk, and only a new process frees it. Leaves the load balancer, lets the
 * call in flight answer, then exits to be replaced (by the launcher or compose). Not
 * worker.close(): closing the runtime waits for the spinning thread, forever.
 */
export function retire(deps: { server: Server; socketPath: string; leavePool: () => void; log: Logger }): void {
  deps.log.warn('retiring after a guest was stopped at its deadline');
  deps.leavePool();
  // Until the process exits, the spinning thread would take a whole core from everything else on
  // the machine, this worker's own reply and exit included: give it the least.
  deprioritizeOtherThreads();
  setImmediate(() => {
    closeServer(deps.server, deps.socketPath, 5000).finally(() => setTimeout(() => process.exit(RETIRE_EXIT_CODE), 100));
  });
}

/**
 * Lowers every thread of this process but the main one to the lowest priority (nice 19), best
 * effort: Linux keeps a nice value per thread, and a thread id works as a pid for setpriority.
 */
function deprioritizeOtherThreads(): void {
  let tids: string[] = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return; // not Linux
  }
  for (const tid of tids) {
    if (Number(tid) === process.pid) continue;
    try {
      setPriority(Number(tid), 19);
    } catch {
      // the thread ended meanwhile
    }
  }
}
