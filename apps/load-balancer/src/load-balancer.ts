import { status as GrpcStatus, type ServerWritableStream } from '@grpc/grpc-js';
import type { Logger } from '@minifaas/logger';
import {
  closeServer,
  createServer,
  DEADLINE_GRACE_MS,
  FaasError,
  listenOnSocket,
  readInvocationId,
  unary,
  type LoadBalancerHandlers,
  type RegisterEvent,
  type RegisterRequest__Output,
} from '@minifaas/protocol';
import { Scheduler } from './scheduler.js';
import { createStrategy, STRATEGY_NAMES, type StrategyName } from './strategies/index.js';

/** Margin past the worker call's own deadline before an unreleased lease lapses. */
const LEASE_SLACK_MS = 1000;

export interface LoadBalancerDeps {
  strategy: StrategyName;
  logger: Logger;
}

/** Builds the load balancer's gRPC server without listening. */
export function createLoadBalancer(deps: LoadBalancerDeps) {
  const { logger } = deps;
  const scheduler = new Scheduler(createStrategy(deps.strategy));

  const strategyReply = () => ({ strategy: scheduler.strategyName, available: [...STRATEGY_NAMES] });
  const setStrategy = (requested: string) => {
    const name = STRATEGY_NAMES.find((n) => n === requested.toUpperCase());
    if (!name) {
      throw new FaasError('BAD_REQUEST', `unknown strategy "${requested.slice(0, 40)}"; use one of ${STRATEGY_NAMES.join(', ')}`);
    }
    // TODO: not persisted; a restarted load balancer goes back to FAAS_LB_STRATEGY.
    const previous = scheduler.strategyName;
    scheduler.useStrategy(createStrategy(name));
    logger.info('strategy changed', { from: previous, to: name });
    return strategyReply();
  };

  const register = (call: ServerWritableStream<RegisterRequest__Output, RegisterEvent>) => {
    const info = call.request.worker;
    if (!info?.id || !info.address) {
      call.emit('error', { code: GrpcStatus.INVALID_ARGUMENT, details: 'worker id and address are required' });
      return;
    }
    const record = { id: info.id, address: info.address, weight: Math.max(1, info.weight), pid: info.pid };
    // If the worker is dropped for another reason (the dispatcher reports it unreachable), end its
    // stream: a worker that is in fact alive then registers again, a dead one stays gone.
    const token = scheduler.addWorker(record, () => {
      if (!call.cancelled) call.end();
    });
    logger.info('worker joined', { workerId: record.id, address: record.address, weight: record.weight });
    call.write({ kind: 'registered' });
    // The stream stays open for the worker's whole life; its end means the worker is gone.
    const leave = () => {
      if (scheduler.removeWorker(record.id, token)) logger.info('worker left', { workerId: record.id });
    };
    call.on('cancelled', leave);
    call.on('close', leave);
    call.on('error', leave);
  };

  const handlers: LoadBalancerHandlers = {
    Register: register,
    Acquire: unary(async (request, call) => {
      const abort = new AbortController();
      call.on('cancelled', () => abort.abort());
      // The caller's deadline is the invocation's; its worker call may run DEADLINE_GRACE_MS past
      // it. A lease not released by then belongs to a caller that is gone.
      const deadline = call.getDeadline();
      const deadlineMs = deadline instanceof Date ? deadline.getTime() : Number(deadline);
      const expiresAtMs = Number.isFinite(deadlineMs) ? deadlineMs + DEADLINE_GRACE_MS + LEASE_SLACK_MS : undefined;
      const invocationId = readInvocationId(call.metadata, request.invocationId);
      const grant = await scheduler.acquire(invocationId, request.functionId, {
        signal: abort.signal,
        leaseExpiresAtMs: expiresAtMs,
        maxWaiting: request.maxWaiting,
      });
      if (call.cancelled) {
        scheduler.release(grant.leaseId, false);
        throw new FaasError('TIMEOUT', 'the caller gave up before the worker was granted');
      }
      logger.debug('worker leased', { invocationId, fn: request.functionId, workerId: grant.worker.id, waitedMs: grant.waitedMs });
      return { leaseId: grant.leaseId, worker: grant.worker, waitedMs: grant.waitedMs };
    }),
    Release: unary(async (request) => {
      scheduler.release(request.leaseId, request.workerFailed);
      return {};
    }),
    ListWorkers: unary(async () => ({
      strategy: scheduler.strategyName,
      waiting: scheduler.waiting,
      workers: scheduler.snapshot().map((w) => ({
        worker: w.info,
        state: w.state,
        jobsDone: w.jobsDone,
        currentInvocationId: w.currentInvocationId,
      })),
    })),
    GetStrategy: unary(async () => strategyReply()),
    SetStrategy: unary(async (request) => setStrategy(request.strategy)),
  };

  const { server } = createServer('LoadBalancer', handlers);
  return {
    server,
    scheduler,
    listen: (socketPath: string) => listenOnSocket(server, socketPath),
    close: (socketPath: string, graceMs = 5000) => closeServer(server, socketPath, graceMs),
  };
}
