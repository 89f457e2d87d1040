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
  const worker = createWorker({ ...config, containment, logger: log });
  await worker.ready();
  await worker.listen(config.socketPath);
  log.info('listening', { socket: config.socketPath, weight: config.weight });
  const registration = keepRegistered(
    config.loadBalancerSocket,
    { id: config.id, address: unixTarget(config.socketPath), weight: config.weight, pid: process.pid },
    log,
  );
  return {
    log,
    stop: async () => {
      registration.stop();
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
