import type { Logger } from '@minifaas/logger';
import {
  call,
  closeServer,
  createLoadBalancerClient,
  createServer,
  FaasError,
  grpcDeadline,
  invocationMetadata,
  isFaasError,
  listenOnSocket,
  readDeadline,
  readInvocationId,
  unary,
  unixTarget,
  type DispatchRequest__Output,
  type DispatcherHandlers,
  type InvokeResult__Output,
  type Lease__Output,
  type ListWorkersReply__Output,
} from '@minifaas/protocol';
import { prepareEverywhere } from './prepare-everywhere.js';
import { WorkerClients } from './worker-clients.js';

export interface DispatcherDeps {
  loadBalancerSocket: string;
  queueLimit: number;
  logger: Logger;
}

/** How often an invocation that never started is moved on after its worker proved dead. */
const MAX_PLACEMENTS = 3;
/** How long a leased worker's channel may take to connect before the worker counts as dead. */
const CONNECT_TIMEOUT_MS = 1000;
const FALLBACK_TIMEOUT_MS = 10_000;
/** Bound on a Prepare whose caller set no deadline. */
const PREPARE_FALLBACK_MS = 5000;
/** Workers must answer a Prepare this much before its caller's deadline, so the summary can. */
const PREPARE_REPLY_MARGIN_MS = 200;
/** Invocations that may be in the middle of their Acquire round trip beyond the queue limit. */
const ACQUIRING_SLACK = 256;

/**
 * Builds the dispatcher's gRPC server without listening. It holds waiting invocations (bounded
 * by queueLimit), gets a worker for each from the load balancer, runs it there and reports back.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const { logger } = deps;
  const lbTarget = unixTarget(deps.loadBalancerSocket);
  const lb = createLoadBalancerClient(lbTarget);
  const workers = new WorkerClients();
  let queued = 0;

  const acquire = (request: DispatchRequest__Output, deadlineMs: number) =>
    call<Lease__Output>(
      'the load balancer',
      (md, o, cb) =>
        lb.Acquire({ invocationId: request.invocationId, functionId: request.function?.id ?? '', maxWaiting: deps.queueLimit }, md, o, cb),
      { deadline: new Date(deadlineMs), metadata: invocationMetadata(request.invocationId, deadlineMs) },
    );

  const release = (lease: Lease__Output, workerFailed: boolean, log: Logger) =>
    call('the load balancer', (md, o, cb) => lb.Release({ leaseId: lease.leaseId, workerFailed }, md, o, cb), {
      deadline: Date.now() + 5000,
    }).catch(
      (err: unknown) => log.warn('release failed', { leaseId: lease.leaseId, error: String(err) }),
    );

  /** Runs the invocation on the leased worker; 'moved' means it never started there. */
  const runOn = async (lease: Lease__Output, request: DispatchRequest__Output, deadlineMs: number, log: Logger): Promise<InvokeResult__Output | 'moved'> => {
    const address = lease.worker?.address ?? '';
    const client = workers.get(address);
    if (!(await workers.ready(client, Math.min(deadlineMs, Date.now() + CONNECT_TIMEOUT_MS)))) {
      workers.drop(address);
      await release(lease, true, log);
      return 'moved';
    }
    try {
      const result = await call<InvokeResult__Output>(`worker ${lease.worker?.id}`, (md, o, cb) => client.Invoke(request, md, o, cb), {
        deadline: grpcDeadline(deadlineMs),
        metadata: invocationMetadata(request.invocationId, deadlineMs),
      });
      // Not awaited: the caller need not wait for the bookkeeping round trip (release never throws).
      void release(lease, false, log);
      return result;
    } catch (err) {
      const lost = isFaasError(err, 'SERVICE_UNAVAILABLE');
      if (lost) workers.drop(address);
      await release(lease, lost, log);
      if (lost) throw new FaasError('WORKER_LOST', `worker ${lease.worker?.id} died while running the invocation; retry it`, { cause: err });
      throw err;
    }
  };

  const invoke = async (request: DispatchRequest__Output, deadlineMs: number, log: Logger): Promise<InvokeResult__Output> => {
    // The load balancer refuses an invocation that would wait behind queueLimit others; this
    // second bound only keeps a flood of calls in the middle of acquiring from piling up here.
    if (queued >= deps.queueLimit + ACQUIRING_SLACK) {
      throw new FaasError('QUEUE_FULL', `${queued} invocations are already waiting for a worker; retry shortly`);
    }
    queued++;
    let waiting = true;
    try {
      for (let placement = 0; placement < MAX_PLACEMENTS; placement++) {
        const started = performance.now();
        const lease = await acquire(request, deadlineMs);
        if (waiting) {
          waiting = false;
          queued--;
        }
        const leasedMs = performance.now() - started;
        const result = await runOn(lease, request, deadlineMs, log);
        const ranMs = performance.now() - started - leasedMs;
        if (result !== 'moved') {
          log.debug('invocation finished', { workerId: lease.worker?.id, acquireMs: leasedMs, runMs: ranMs, waitedMs: lease.waitedMs, outcome: result.outcome, durationMs: result.durationMs });
          return result;
        }
        log.warn('worker unreachable, moving invocation', { workerId: lease.worker?.id });
      }
      throw new FaasError('NO_WORKER', `no reachable worker after ${MAX_PLACEMENTS} tries; check the workers`);
    } finally {
      if (waiting) queued--;
    }
  };

  const handlers: DispatcherHandlers = {
    Invoke: unary((request, c) => {
      // The id in metadata names the invocation in every log line of every hop.
      const invocationId = readInvocationId(c.metadata, request.invocationId);
      const log = logger.child({ invocationId, fn: request.function?.id });
      return invoke({ ...request, invocationId }, readDeadline(c.metadata, Date.now() + FALLBACK_TIMEOUT_MS), log);
    }),
    Status: unary(async () => {
      const loadBalancer = await call<ListWorkersReply__Output>('the load balancer', (md, o, cb) => lb.ListWorkers({}, md, o, cb), {
        deadline: Date.now() + 2000,
      });
      return { queued, queueLimit: deps.queueLimit, loadBalancer };
    }),
    Prepare: unary(async (request, c) => {
      if (!request.function?.id) throw new FaasError('BAD_REQUEST', 'the prepare request names no function');
      const deadline = c.getDeadline();
      const deadlineMs = deadline instanceof Date ? deadline.getTime() : Number(deadline);
      const callerMs = Number.isFinite(deadlineMs) ? deadlineMs : Date.now() + PREPARE_FALLBACK_MS;
      const boundMs = callerMs - Math.min(PREPARE_REPLY_MARGIN_MS, (callerMs - Date.now()) / 5);
      const summary = await prepareEverywhere(lb, workers, request.function, boundMs);
      if (summary.failures?.length) logger.warn('prepare failed on some workers', { fn: request.function.id, failures: summary.failures });
      return summary;
    }),
  };

  const { server } = createServer('Dispatcher', handlers);
  return {
    server,
    get queued() {
      return queued;
    },
    listen: (socketPath: string) => listenOnSocket(server, socketPath),
    close: async (socketPath: string, graceMs = 15_000) => {
      await closeServer(server, socketPath, graceMs);
      workers.closeAll();
      lb.close();
    },
  };
}
