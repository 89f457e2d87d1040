import { randomUUID } from 'node:crypto';
import { FaasError } from '@minifaas/protocol';
import type { Strategy, WorkerView } from './strategies/index.js';

export interface WorkerRecord {
  id: string;
  address: string;
  weight: number;
  pid: number;
}

interface WorkerEntry extends WorkerView {
  readonly info: WorkerRecord;
  state: 'idle' | 'busy';
  idleSinceMs: number;
  jobsDone: number;
  currentInvocationId: string;
  leaseId: string;
  /** Distinguishes a re-registration under the same id from the old one. */
  readonly registration: symbol;
  readonly onRemoved: () => void;
}

export interface Grant {
  leaseId: string;
  worker: WorkerRecord;
  waitedMs: number;
}

interface Waiter {
  readonly invocationId: string;
  readonly functionId: string;
  readonly arrivedMs: number;
  /** When the lease lapses on its own if nobody releases it (see acquire). */
  readonly leaseExpiresAtMs: number | undefined;
  /** The worker the strategy chose at arrival; undefined means any idle worker. */
  assignedId: string | undefined;
  readonly resolve: (grant: Grant) => void;
  readonly reject: (err: Error) => void;
}

export interface WorkerSnapshot {
  info: WorkerRecord;
  state: 'idle' | 'busy';
  jobsDone: number;
  currentInvocationId: string;
}

/**
 * The registry of workers and who runs what. Every worker runs one invocation at a time: a
 * lease marks it busy until released. Invocations whose worker is busy wait here in arrival
 * order until it frees, leaves (they are chosen for again) or the caller gives up.
 */
export class Scheduler {
  #strategy: Strategy;
  readonly #workers: WorkerEntry[] = [];
  readonly #waiters: Waiter[] = [];
  readonly #leases = new Map<string, WorkerEntry>();
  readonly #expiries = new Map<string, NodeJS.Timeout>();

  readonly #noWorkerGraceMs: number;

  /** `noWorkerGraceMs`: how long an invocation waits for a worker when none is registered. */
  constructor(strategy: Strategy, options: { noWorkerGraceMs?: number } = {}) {
    this.#strategy = strategy;
    this.#noWorkerGraceMs = options.noWorkerGraceMs ?? 3000;
  }

  get strategyName(): string {
    return this.#strategy.name;
  }

  /**
   * Switches the strategy at run time. Waiting invocations are chosen for again under the new
   * one, in arrival order, so a switch to FIFO frees waiters pinned to a busy worker at once.
   */
  useStrategy(strategy: Strategy): void {
    this.#strategy = strategy;
    for (const waiter of this.#waiters) waiter.assignedId = strategy.choose(this.#workers, waiter.functionId)?.id;
    this.#dispatch();
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  /**
   * Adds a worker (replacing one with the same id); returns a token for removeWorker.
   * `onRemoved` runs when the worker is dropped.
   */
  addWorker(info: WorkerRecord, onRemoved: () => void = () => undefined): symbol {
    this.removeWorker(info.id);
    const registration = Symbol(info.id);
    this.#workers.push({
      id: info.id,
      weight: info.weight,
      info,
      state: 'idle',
      idleSinceMs: Date.now(),
      jobsDone: 0,
      currentInvocationId: '',
      leaseId: '',
      registration,
      onRemoved,
    });
    this.#dispatch();
    return registration;
  }

  /** Drops a worker; waiters that were meant for it are chosen for again. */
  removeWorker(id: string, registration?: symbol): boolean {
    const index = this.#workers.findIndex(
      (w) => w.id === id && (registration === undefined || w.registration === registration),
    );
    if (index < 0) return false;
    const [gone] = this.#workers.splice(index, 1);
    gone?.onRemoved();
    if (gone?.leaseId) {
      this.#leases.delete(gone.leaseId);
      clearTimeout(this.#expiries.get(gone.leaseId));
      this.#expiries.delete(gone.leaseId);
    }
    this.#strategy.forget?.(id);
    for (const waiter of this.#waiters) {
      if (waiter.assignedId === id) waiter.assignedId = this.#strategy.choose(this.#workers, waiter.functionId)?.id;
    }
    this.#dispatch();
    return true;
  }

  /**
   * Reserves a worker for one invocation. Resolves when the strategy's choice is free; rejects
   * with NO_WORKER when none is registered, QUEUE_FULL when it would have to wait while
   * `maxWaiting` others already do. `signal` abandons the wait. A lease still held at
   * `leaseExpiresAtMs` is released on its own: a grant whose caller had already given up (the
   * reply crossed its deadline) must not keep the worker busy forever.
   */
  acquire(
    invocationId: string,
    functionId: string,
    options: { signal?: AbortSignal; leaseExpiresAtMs?: number; maxWaiting?: number } = {},
  ): Promise<Grant> {
    const { signal, leaseExpiresAtMs, maxWaiting = 0 } = options;
    return new Promise<Grant>((resolve, reject) => {
      // With no worker at all (one is being replaced, or none was started), wait a moment for one
      // to register before answering NO_WORKER.
      if (this.#workers.length === 0) {
        setTimeout(() => {
          const index = this.#waiters.indexOf(waiter);
          if (index < 0) return;
          this.#waiters.splice(index, 1);
          reject(new FaasError('NO_WORKER', 'no worker is registered with the load balancer; start one and retry'));
        }, this.#noWorkerGraceMs);
      }
      const waiter: Waiter = {
        invocationId,
        functionId,
        arrivedMs: Date.now(),
        leaseExpiresAtMs,
        assignedId: this.#strategy.choose(this.#workers, functionId)?.id,
        resolve,
        reject,
      };
      this.#waiters.push(waiter);
      this.#dispatch();
      if (maxWaiting > 0 && this.#waiters.length > maxWaiting && this.#waiters.includes(waiter)) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new FaasError('QUEUE_FULL', `${maxWaiting} invocations are already waiting for a worker; retry shortly`));
        return;
      }
      signal?.addEventListener('abort', () => this.#abandon(waiter), { once: true });
    });
  }

  /** Ends a lease. A failed worker is dropped from the registry instead of becoming idle. */
  release(leaseId: string, workerFailed: boolean): void {
    const worker = this.#leases.get(leaseId);
    if (!worker) return;
    this.#leases.delete(leaseId);
    clearTimeout(this.#expiries.get(leaseId));
    this.#expiries.delete(leaseId);
    if (workerFailed) {
      this.removeWorker(worker.id, worker.registration);
      return;
    }
    worker.state = 'idle';
    worker.idleSinceMs = Date.now();
    worker.jobsDone++;
    worker.currentInvocationId = '';
    worker.leaseId = '';
    this.#dispatch();
  }

  snapshot(): WorkerSnapshot[] {
    return this.#workers.map((w) => ({
      info: w.info,
      state: w.state,
      jobsDone: w.jobsDone,
      currentInvocationId: w.currentInvocationId,
    }));
  }

  #abandon(waiter: Waiter): void {
    const index = this.#waiters.indexOf(waiter);
    if (index < 0) return;
    this.#waiters.splice(index, 1);
    waiter.reject(new FaasError('TIMEOUT', 'timed out waiting for a free worker'));
  }

  /** Hands waiters, oldest first, to their chosen worker (or any idle one) while any is idle. */
  #dispatch(): void {
    for (let i = 0; i < this.#waiters.length; ) {
      const waiter = this.#waiters[i] as Waiter;
      const worker = this.#pickIdle(waiter);
      if (!worker) {
        i++;
        continue;
      }
      this.#waiters.splice(i, 1);
      waiter.resolve(this.#lease(worker, waiter));
    }
  }

  #pickIdle(waiter: Waiter): WorkerEntry | undefined {
    if (waiter.assignedId !== undefined) {
      const chosen = this.#workers.find((w) => w.id === waiter.assignedId);
      return chosen?.state === 'idle' ? chosen : undefined;
    }
    let best: WorkerEntry | undefined;
    for (const w of this.#workers) {
      if (w.state === 'idle' && (!best || w.idleSinceMs < best.idleSinceMs)) best = w;
    }
    return best;
  }

  #lease(worker: WorkerEntry, waiter: Waiter): Grant {
    const leaseId = randomUUID();
    worker.state = 'busy';
    worker.leaseId = leaseId;
    worker.currentInvocationId = waiter.invocationId;
    this.#leases.set(leaseId, worker);
    this.#strategy.recordGrant?.(worker.id, waiter.functionId);
    if (waiter.leaseExpiresAtMs !== undefined) {
      const lapse = setTimeout(() => this.release(leaseId, false), Math.max(0, waiter.leaseExpiresAtMs - Date.now()));
      this.#expiries.set(leaseId, lapse.unref());
    }
    return { leaseId, worker: worker.info, waitedMs: Date.now() - waiter.arrivedMs };
  }
}
