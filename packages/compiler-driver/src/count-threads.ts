import { readdirSync, statSync } from 'node:fs';

/**
 * Threads (what RLIMIT_NPROC counts) of every process the given uid owns now, read from /proc.
 * A snapshot: processes come and go while it is taken.
 */
export function threadsOwnedBy(uid: number): number {
  let threads = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (statSync(`/proc/${pid}`).uid !== uid) continue;
      threads += readdirSync(`/proc/${pid}/task`).length;
    } catch {
      // exited meanwhile
    }
  }
  return threads;
}
