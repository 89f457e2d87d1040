import type { Response } from 'express';
import { call, type StatusReply__Output, type StrategyReply__Output } from '@minifaas/protocol';
import type { GatewayContext } from './context.js';
import type { InvocationRecord } from './history.js';
import { summarizeFunction } from './routes/functions.js';

/** How often every open stream gets a fresh snapshot even when nothing was invoked. */
export const LIVE_INTERVAL_MS = 1000;
/** After an invocation, the soonest the next snapshot goes out (bursts become one snapshot). */
const PUSH_AFTER_MS = 150;
const STATUS_DEADLINE_MS = 1000;

/** What the dashboard shows, as one JSON object per server-sent event. */
export interface LiveSnapshot {
  at: string;
  /** False when the dispatcher or load balancer did not answer for this snapshot. */
  backendUp: boolean;
  strategy: string;
  strategies: string[];
  queued: number;
  workers: Array<{ id: string; state: string; currentInvocationId: string; jobsDone: number; weight: number }>;
  functions: Array<{
    name: string;
    lang: string;
    latestId: string;
    versions: number;
    invocations: number;
    errors: number;
    /** Over the last (up to 100) invocations kept in the history; null before the first. */
    p50Ms: number | null;
    p99Ms: number | null;
  }>;
  recent: Array<Omit<InvocationRecord, 'stderr' | 'stderrEncoding' | 'stderrCut'> & { name: string }>;
}

/** Builds one snapshot from the store, the history and the dispatcher's Status call. */
export async function takeSnapshot(ctx: GatewayContext): Promise<LiveSnapshot> {
  const deadline = Date.now() + STATUS_DEADLINE_MS;
  const [status, strategy] = await Promise.all([
    call<StatusReply__Output>('the dispatcher', (md, o, cb) => ctx.dispatcher.Status({}, md, o, cb), { deadline }).catch(() => undefined),
    call<StrategyReply__Output>('the load balancer', (md, o, cb) => ctx.loadBalancer.GetStrategy({}, md, o, cb), { deadline }).catch(() => undefined),
  ]);
  const lb = status?.loadBalancer;
  return {
    at: new Date().toISOString(),
    backendUp: Boolean(status && strategy),
    strategy: strategy?.strategy ?? lb?.strategy ?? '',
    strategies: strategy?.available ?? [],
    queued: status?.queued ?? 0,
    workers: (lb?.workers ?? []).map((w) => ({
      id: w.worker?.id ?? '',
      state: w.state,
      currentInvocationId: w.currentInvocationId,
      jobsDone: Number(w.jobsDone),
      weight: w.worker?.weight ?? 1,
    })),
    functions: ctx.store.names().map((name) => describeFunction(ctx, name)),
    // Stderr stays behind GET /function/NAME/invocations: the live feed carries no output.
    recent: ctx.history.recent().map(({ stderr: _s, stderrEncoding: _e, stderrCut: _c, ...rest }) => rest),
  };
}

function describeFunction(ctx: GatewayContext, name: string): LiveSnapshot['functions'][number] {
  const { latestId, lang, versions } = summarizeFunction(ctx, name);
  const times = ctx.history
    .list(name)
    .map((r) => r.totalMs)
    .sort((a, b) => a - b);
  return {
    name,
    lang,
    latestId,
    versions,
    ...ctx.history.totals(name),
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
  };
}

/** Nearest-rank percentile of sorted values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? null;
}

/**
 * The open server-sent-event streams of the dashboard. Each gets a snapshot at once, then one a
 * second, and one shortly after every invocation. `closeAll` ends them so the server can drain.
 */
export class LiveFeed {
  readonly #streams = new Set<Response>();
  readonly #ctx: GatewayContext;
  #timer: NodeJS.Timeout | undefined;
  #pushTimer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(ctx: GatewayContext) {
    this.#ctx = ctx;
  }

  add(res: Response): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: ${LIVE_INTERVAL_MS * 2}\n\n`);
    this.#streams.add(res);
    res.on('close', () => this.#remove(res));
    this.#start();
    void this.#send([res]);
  }

  get size(): number {
    return this.#streams.size;
  }

  closeAll(): void {
    for (const res of this.#streams) res.end();
    this.#streams.clear();
    this.#stop();
  }

  #remove(res: Response): void {
    this.#streams.delete(res);
    if (this.#streams.size === 0) this.#stop();
  }

  #start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#send([...this.#streams]), LIVE_INTERVAL_MS);
    this.#unsubscribe = this.#ctx.history.subscribe(() => {
      this.#pushTimer ??= setTimeout(() => {
        this.#pushTimer = undefined;
        void this.#send([...this.#streams]);
      }, PUSH_AFTER_MS);
    });
  }

  #stop(): void {
    clearInterval(this.#timer);
    clearTimeout(this.#pushTimer);
    this.#unsubscribe?.();
    this.#timer = this.#pushTimer = this.#unsubscribe = undefined;
  }

  async #send(streams: Response[]): Promise<void> {
    if (streams.length === 0) return;
    try {
      const data = `event: snapshot\ndata: ${JSON.stringify(await takeSnapshot(this.#ctx))}\n\n`;
      for (const res of streams) if (this.#streams.has(res)) res.write(data);
    } catch (err) {
      this.#ctx.logger.warn('live snapshot failed', { error: String(err) });
    }
  }
}
