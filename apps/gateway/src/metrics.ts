import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StatusReply__Output } from '@minifaas/protocol';

/**
 * The gateway's Prometheus figures. Its own (invocations, latency, cold starts, deploys, compile
 * time) are counted as requests pass; the other services' (queue, workers, strategy) are asked
 * for at scrape time through the dispatcher's Status call, which includes the load balancer's
 * ListWorkers. So the gateway is the only endpoint to scrape.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #invocations: Counter<'function_name' | 'code'>;
  readonly #seconds: Histogram<'function_name' | 'code'>;
  readonly #coldStarts: Counter<'function_name'>;
  readonly #deploys: Counter<'language' | 'result'>;
  readonly #compileSeconds: Histogram<'language'>;
  readonly #queueDepth: Gauge;
  readonly #queueLimit: Gauge;
  readonly #waiting: Gauge;
  readonly #workers: Gauge<'state'>;
  readonly #jobsDone: Gauge<'worker'>;
  readonly #strategy: Gauge<'strategy'>;
  readonly #backendUp: Gauge;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.#invocations = new Counter({ name: 'gateway_function_invocation_total', help: 'Invocations by function and HTTP status code', labelNames: ['function_name', 'code'], registers });
    this.#seconds = new Histogram({
      name: 'gateway_functions_seconds',
      help: 'Seconds from arrival at the gateway to the answer, by function and HTTP status code',
      labelNames: ['function_name', 'code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.#coldStarts = new Counter({ name: 'gateway_function_cold_starts_total', help: 'Invocations whose worker had to load the function first', labelNames: ['function_name'], registers });
    this.#deploys = new Counter({ name: 'gateway_function_deploys_total', help: 'Deploys by language and result (ok or the error code)', labelNames: ['language', 'result'], registers });
    this.#compileSeconds = new Histogram({
      name: 'gateway_compile_seconds',
      help: 'Seconds a successful compile took, by language',
      labelNames: ['language'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    });
    this.#queueDepth = new Gauge({ name: 'dispatcher_queue_depth', help: 'Invocations accepted by the dispatcher and not yet started on a worker', registers });
    this.#queueLimit = new Gauge({ name: 'dispatcher_queue_limit', help: 'FAAS_QUEUE_LIMIT of the dispatcher', registers });
    this.#waiting = new Gauge({ name: 'load_balancer_waiting_invocations', help: 'Invocations waiting in the load balancer for a worker', registers });
    this.#workers = new Gauge({ name: 'load_balancer_workers', help: 'Registered workers by state', labelNames: ['state'], registers });
    this.#jobsDone = new Gauge({ name: 'load_balancer_worker_jobs_done', help: 'Invocations each registered worker has finished since it registered', labelNames: ['worker'], registers });
    this.#strategy = new Gauge({ name: 'load_balancer_strategy_info', help: 'The load-balancing strategy in force (value 1)', labelNames: ['strategy'], registers });
    this.#backendUp = new Gauge({ name: 'gateway_backend_up', help: '1 when the dispatcher and load balancer answered the last scrape, else 0', registers });
  }

  invocation(functionName: string, status: number, seconds: number, cold: boolean): void {
    const labels = { function_name: functionName, code: String(status) };
    this.#invocations.inc(labels);
    this.#seconds.observe(labels, seconds);
    if (cold) this.#coldStarts.inc({ function_name: functionName });
  }

  deploy(language: string, result: string, compileSeconds?: number): void {
    this.#deploys.inc({ language, result });
    if (compileSeconds !== undefined) this.#compileSeconds.observe({ language }, compileSeconds);
  }

  /** Sets the other services' figures from a Status reply, or marks them down when there is none. */
  setBackend(status: StatusReply__Output | undefined): void {
    this.#workers.reset();
    this.#jobsDone.reset();
    this.#strategy.reset();
    this.#backendUp.set(status ? 1 : 0);
    if (!status) return;
    this.#queueDepth.set(status.queued);
    this.#queueLimit.set(status.queueLimit);
    const lb = status.loadBalancer;
    this.#waiting.set(lb?.waiting ?? 0);
    for (const state of ['idle', 'busy']) this.#workers.set({ state }, 0);
    for (const w of lb?.workers ?? []) {
      this.#workers.inc({ state: w.state || 'unknown' });
      this.#jobsDone.set({ worker: w.worker?.id ?? '' }, w.jobsDone);
    }
    if (lb?.strategy) this.#strategy.set({ strategy: lb.strategy }, 1);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
