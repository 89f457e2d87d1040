import { createLogger } from '@minifaas/logger';
import { redactConfig, runService } from '@minifaas/config';
import { unixTarget } from '@minifaas/protocol';
import { loadConfig } from './config.js';
import { keepRegistered } from './registration.js';
import { retire } from './retire.js';
import { createWorker } from './worker.js';
import { resolveContainment, type Containment, type ContainmentSetting } from './containment.js';

/** How long after joining the pool an idle worker starts its WASM runtime. */
const RUNTIME_START_DELAY_MS = 1000;

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
      if (retiring) return;
      retiring = true;
      retire({ server: worker.server, socketPath: config.socketPath, leavePool: () => registration?.stop(), log });
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
