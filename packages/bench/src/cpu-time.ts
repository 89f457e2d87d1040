import { readFileSync } from 'node:fs';

/**
 * Clock ticks per second of /proc/<pid>/stat's utime and stime: USER_HZ, 100 on every Linux
 * architecture node runs on (the kernel hides its own HZ behind it).
 */
const TICKS_PER_S = 100;

/** CPU time a process (all its threads) has used so far, in ms; undefined when unreadable. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_S : undefined;
  } catch {
    // Not Linux, or the process is gone.
    return undefined;
  }
}
