import { readFileSync } from 'node:fs';

export interface RssFigures {
  firstMiB: number;
  peakMiB: number;
  lastMiB: number;
}

/** Polls VmRSS of named processes from /proc (Linux) and keeps first, peak and last per name. */
export class RssSampler {
  readonly #figures = new Map<string, RssFigures>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly targets: () => ReadonlyArray<{ name: string; pid: number | undefined }>,
    intervalMs = 200,
  ) {
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs).unref();
  }

  sample(): void {
    for (const { name, pid } of this.targets()) {
      const mib = pid === undefined ? undefined : readRssMiB(pid);
      if (mib === undefined) continue;
      const seen = this.#figures.get(name);
      this.#figures.set(name, { firstMiB: seen?.firstMiB ?? mib, peakMiB: Math.max(seen?.peakMiB ?? 0, mib), lastMiB: mib });
    }
  }

  stop(): Record<string, RssFigures> {
    clearInterval(this.#timer);
    this.sample();
    return Object.fromEntries(this.#figures);
  }
}

/** VmRSS of a process in MiB, or undefined when it cannot be read. */
export function readRssMiB(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Math.round((Number(match[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    // Not Linux, or the process is gone (a worker being replaced).
    return undefined;
  }
}
