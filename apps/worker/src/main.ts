import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { createLogger } from '@minifaas/logger';
import { redactConfig, runService } from '@minifaas/config';
import { closeServer, unixTarget } from '@minifaas/protocol';
import { loadConfig } from './config.js';
import { keepRegistered } from './registration.js';
import { createWorker } from './worker.js';
import { resolveContainment, type Containment, type ContainmentSetting } from './containment.js';

/** Exit status of a worker that retires itself to be replaced (sysexits EX_TEMPFAIL). */
const RETIRE_EXIT_CODE = 75;
/** How long after joining the pool an idle worker starts its WASM runtime. */
const RUNTIME_START_DELAY_MS = 1000;

/**
 * Lowers every thread of this process but the main one to the lowest priority (nice 19), best
 * effort: Linux keeps a nice value per thread, and a thread id works as a pid for setpriority.
 */
function deprioritizeOtherThreads(): void {
  let tids: string[] = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return; // not Linux
  }
  for (const tid of tids) {
    if (Number(tid) === process.pid) continue;
    try {
      setPriority(Number(tid), 19);
    } catch {
      // the thread ended meanwhile
    }
  }
}

await runService('worker', loadConfig, async (config) => {
  const log = createLogger('worker', { level: config.logLevel, format: config.logFormat }).child({ workerId: config.id });
  log.info('config', redactConfig(config));
  const containment = tryResolveContainment(config.sandbox);
  if (containment instanceof Error) log.error('native functions disabled', { reason: containment.message });
  else log.info('containment', { mode: containment, ...config.limits });
  let registration: { stop(): void } | undefined;
  let retiring = false;
  const worker = createWorker({
    ...config,
    containment,
    logger: log,
    onGuestAbandoned: () => {
      // The stopped guest's thread may still spin inside @wasmer/sdk; only a new process frees it.
      // Leave the load balancer now, answer the call in flight, then exit to be replaced.
      if (retiring) return;
      retiring = true;
      log.warn('retiring after a guest was stopped at its deadline');
      registration?.stop();
      // Until the process exits, the spinning thread would take a whole core from everything
      // else on the machine, this worker's own reply and exit included: give it the least.
      deprioritizeOtherThreads();
      // Not worker.close(): closing the runtime waits for the spinning thread, forever.
      setImmediate(() => {
        closeServer(worker.server, config.socketPath, 5000).finally(() => setTimeout(() => process.exit(RETIRE_EXIT_CODE), 100));
      });
    },
  });
  // Register before the WASM runtime is ready: native functions do not need it, and a WASM call
  // (or a Prepare) starts it at once and waits for it. Otherwise it starts a moment after
  // joining: starting it and its pool threads takes a burst of CPU, and when several workers are
  // replaced at once (each retired after a runaway guest) that burst would slow the native calls
  // they take first.
  await worker.listen(config.socketPath);
  log.info('listening', { socket: config.socketPath, weight: config.weight });
  registration = keepRegistered(
    config.loadBalancerSocket,
    { id: config.id, address: unixTarget(config.socketPath), weight: config.weight, pid: process.pid },
    log,
  );
  const runtimeStart = setTimeout(() => {
    worker.ready().catch((err: unknown) => {
      log.error('the WASM runtime could not start', { error: String(err) });
      process.exit(1);
    });
  }, RUNTIME_START_DELAY_MS);
  return {
    log,
    stop: async () => {
      clearTimeout(runtimeStart);
      registration?.stop();
      await worker.close(config.socketPath);
    },
  };
});

function tryResolveContainment(setting: ContainmentSetting): Containment | Error {
  try {
    return resolveContainment(setting);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}
