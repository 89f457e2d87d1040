import {
  call,
  type FunctionRef__Output,
  type ListWorkersReply__Output,
  type LoadBalancerClient,
  type PrepareReply__Output,
  type PrepareSummary,
} from '@minifaas/protocol';
import type { WorkerClients } from './worker-clients.js';

/**
 * Asks every worker registered now to load `fn`, all at once, and says how many did by
 * `deadlineMs`. Never throws for a worker: a failure or a late answer is a line in `failures`
 * (the function still runs there, it just loads on its first call). Throws only when the load
 * balancer cannot list the workers.
 */
export async function prepareEverywhere(
  lb: LoadBalancerClient,
  workers: WorkerClients,
  fn: FunctionRef__Output,
  deadlineMs: number,
): Promise<PrepareSummary> {
  const listed = await call<ListWorkersReply__Output>('the load balancer', (md, o, cb) => lb.ListWorkers({}, md, o, cb), {
    deadline: deadlineMs,
  });
  const targets = listed.workers.flatMap((w) => (w.worker ? [w.worker] : []));
  const outcomes = await Promise.all(
    targets.map(async (worker) => {
      try {
        const client = workers.get(worker.address);
        await call<PrepareReply__Output>(`worker ${worker.id}`, (md, o, cb) => client.Prepare({ function: fn }, md, o, cb), {
          deadline: deadlineMs,
        });
        return undefined;
      } catch (err) {
        return `${worker.id}: ${err instanceof Error ? err.message : String(err)}`;
      }
    }),
  );
  const failures = outcomes.filter((line): line is string => line !== undefined);
  return { workers: targets.length, prepared: targets.length - failures.length, failures };
}
