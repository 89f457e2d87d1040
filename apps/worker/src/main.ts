import { createLogger } from '@minifaas/logger';
import { redactConfig, runService } from '@minifaas/config';
import { closeServer, unixTarget } from '@minifaas/protocol';
import { loadConfig } from './config.js';
import { keepRegistered } from './registration.js';
import { createWorker } from './worker.js';
import { resolveContainment, type Containment, type ContainmentSetting } from './containment.js';

/** Exit status of a worker that retires itself to be replaced (sysexits EX_TEMPFAIL). */
const RETIRE_EXIT_CODE = 75;

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
      // Not worker.close(): closing the runtime waits for the spinning thread, forever.
      setImmediate(() => {
        closeServer(worker.server, config.socketPath, 5000).finally(() => setTimeout(() => process.exit(RETIRE_EXIT_CODE), 100));
      });
    },
  });
  // Register before the WASM runtime is ready: native functions do not need it, and a WASM call
  // waits for it. A replaced worker is back in the pool sooner.
  const runtimeReady = worker.ready();
  await worker.listen(config.socketPath);
  log.info('listening', { socket: config.socketPath, weight: config.weight });
  registration = keepRegistered(
    config.loadBalancerSocket,
    { id: config.id, address: unixTarget(config.socketPath), weight: config.weight, pid: process.pid },
    log,
  );
  await runtimeReady;
  return {
    log,
    stop: async () => {
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
