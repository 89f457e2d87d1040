import autocannon from 'autocannon';
import { round, summarize, type LatencySummary } from './stats.js';

export interface LoadOptions {
  url: string;
  /** One function, or several: each connection then calls them in turn (a mixed load). */
  fn: string | readonly string[];
  concurrency: number;
  /** Run for this long… */
  durationS?: number;
  /** …or for exactly this many requests (takes precedence). */
  amount?: number;
  /** The function's stdin. */
  data?: string;
  /** Sent as `Authorization: Bearer …` when the gateway asks for FAAS_INVOKE_TOKEN or FAAS_API_TOKEN. */
  token?: string;
}

export interface LoadFigures {
  fn: string;
  concurrency: number;
  durationS: number;
  requests: number;
  latency: LatencySummary;
  throughputRps: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Successful calls per `worker` field of the reply. */
  workers: Record<string, number>;
  /** Successful calls whose reply said `cold: true` (the worker had to load the module). */
  coldStarts: number;
  /** For a mixed load: successful calls per function, then per worker. */
  byFunction?: Record<string, Record<string, number>>;
  /** The first failed call, so a run that fails throughout says why. */
  firstFailure?: string;
}

/**
 * Drives POST /invoke?fn=… with autocannon (a closed loop of `concurrency` connections) and
 * returns exact latency percentiles, throughput, failures and the spread over workers.
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const fns = typeof options.fn === 'string' ? [options.fn] : [...options.fn];
  const latenciesMs: number[] = [];
  const workers: Record<string, number> = {};
  const byFunction: Record<string, Record<string, number>> = {};
  let coldStarts = 0;
  let firstFailure: string | undefined;
  const count = (fn: string, status: number, body: string) => {
    if (status < 200 || status >= 300) {
      firstFailure ??= `HTTP ${status}: ${body.slice(0, 300)}`;
      return;
    }
    const reply = parseReply(body);
    workers[reply.worker] = (workers[reply.worker] ?? 0) + 1;
    const perWorker = (byFunction[fn] ??= {});
    perWorker[reply.worker] = (perWorker[reply.worker] ?? 0) + 1;
    if (reply.cold) coldStarts++;
  };
  const requests: autocannon.Request[] = fns.map((fn) => ({
    method: 'POST',
    path: `/invoke?fn=${encodeURIComponent(fn)}`,
    headers: { 'content-type': 'application/octet-stream', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: options.data ?? 'world',
    onResponse: (status, body) => count(fn, status, body),
  }));
  const length = options.amount ? { amount: options.amount } : { duration: options.durationS ?? 10 };
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: options.url, connections: options.concurrency, ...length, requests }, (err, result) =>
      err ? reject(err as Error) : resolve(result),
    );
    // autocannon's own histogram keeps whole milliseconds; the floor is ~1.5 ms, so keep raw times.
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => latenciesMs.push(responseTimeMs));
    instance.on('reqError', (err: Error) => (firstFailure ??= err.message || String(err)));
  });
  const result = await finished;
  const elapsedS = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    fn: fns.join(','),
    concurrency: options.concurrency,
    durationS: round(elapsedS),
    requests: latenciesMs.length,
    latency: summarize(latenciesMs),
    throughputRps: round(elapsedS > 0 ? result['2xx'] / elapsedS : 0, 1),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    workers,
    coldStarts,
    ...(fns.length > 1 ? { byFunction } : {}),
    ...(firstFailure ? { firstFailure } : {}),
  };
}

function parseReply(body: string): { worker: string; cold: boolean } {
  try {
    const reply = JSON.parse(body) as { worker?: unknown; cold?: unknown };
    return { worker: typeof reply.worker === 'string' ? reply.worker : '(none)', cold: reply.cold === true };
  } catch {
    return { worker: '(not JSON)', cold: false };
  }
}
