import autocannon from 'autocannon';
import { round, summarize, type LatencySummary } from './stats.js';

export interface LoadOptions {
  url: string;
  fn: string;
  concurrency: number;
  /** Run for this long… */
  durationS?: number;
  /** …or for exactly this many requests (takes precedence). */
  amount?: number;
  /** The function's stdin. */
  data?: string;
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
}

/**
 * Drives POST /invoke?fn=… with autocannon (a closed loop of `concurrency` connections) and
 * returns exact latency percentiles, throughput, failures and the spread over workers.
 */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const latenciesMs: number[] = [];
  const workers: Record<string, number> = {};
  const countWorker = (status: number, body: string) => {
    if (status < 200 || status >= 300) return;
    const worker = parseWorker(body);
    workers[worker] = (workers[worker] ?? 0) + 1;
  };
  const request: autocannon.Request = {
    method: 'POST',
    path: `/invoke?fn=${encodeURIComponent(options.fn)}`,
    headers: { 'content-type': 'application/octet-stream' },
    body: options.data ?? 'world',
    onResponse: (status, body) => countWorker(status, body),
  };
  const length = options.amount ? { amount: options.amount } : { duration: options.durationS ?? 10 };
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: options.url, connections: options.concurrency, ...length, requests: [request] }, (err, result) =>
      err ? reject(err as Error) : resolve(result),
    );
    // autocannon's own histogram keeps whole milliseconds; the floor is ~1.5 ms, so keep raw times.
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => latenciesMs.push(responseTimeMs));
  });
  const result = await finished;
  const elapsedS = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    fn: options.fn,
    concurrency: options.concurrency,
    durationS: round(elapsedS),
    requests: latenciesMs.length,
    latency: summarize(latenciesMs),
    throughputRps: round(elapsedS > 0 ? result['2xx'] / elapsedS : 0, 1),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    workers,
  };
}

function parseWorker(body: string): string {
  try {
    const reply = JSON.parse(body) as { worker?: unknown };
    return typeof reply.worker === 'string' ? reply.worker : '(none)';
  } catch {
    return '(not JSON)';
  }
}
