import { createLogger } from '@minifaas/logger';
import { runService } from '@minifaas/config';
import { unixTarget } from '@minifaas/protocol';
import { loadConfig } from './config.js';
import { keepRegistered } from './registration.js';
import { createWorker } from './worker.js';

await runService('worker', loadConfig, async (config) => {
  const log = createLogger('worker', { level: config.logLevel, format: config.logFormat }).child({ workerId: config.id });
  const worker = createWorker({ id: config.id, dataDir: config.dataDir, outputLimitBytes: config.outputLimitBytes, maxModules: config.maxModules, logger: log });
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
