import { createLogger } from '@minifaas/logger';
import { runService } from '@minifaas/config';
import { unixTarget } from '@minifaas/protocol';
import { loadConfig } from './config.js';
import { keepRegistered } from './registration.js';
import { createWorker } from './worker.js';
import { resolveContainment, type Containment, type ContainmentSetting } from './containment.js';

await runService('worker', loadConfig, async (config) => {
  const log = createLogger('worker', { level: config.logLevel, format: config.logFormat }).child({ workerId: config.id });
  const containment = tryResolveContainment(config.sandbox);
  if (containment instanceof Error) log.error('native functions disabled', { reason: containment.message });
  else log.info('containment', { mode: containment, ...config.limits });
  let registration: { stop(): void } | undefined;
  const worker = createWorker({
    ...config,
    containment,
    logger: log,
    onWedged: () => {
      // The guest ignored kill(): this runtime cannot be trusted with another call.
      log.error('guest would not stop; exiting so a fresh worker replaces this one');
      registration?.stop();
      setTimeout(() => process.exit(70), 200).unref();
    },
  });
  await worker.ready();
  await worker.listen(config.socketPath);
  log.info('listening', { socket: config.socketPath, weight: config.weight });
  registration = keepRegistered(
    config.loadBalancerSocket,
    { id: config.id, address: unixTarget(config.socketPath), weight: config.weight, pid: process.pid },
    log,
  );
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
