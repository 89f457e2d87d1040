import { createLogger } from '@minifaas/logger';
import { redactConfig, runService } from '@minifaas/config';
import { loadConfig } from './config.js';
import { createDispatcher } from './dispatcher.js';

await runService('dispatcher', loadConfig, async (config) => {
  const log = createLogger('dispatcher', { level: config.logLevel, format: config.logFormat });
  log.info('config', redactConfig(config));
  const dispatcher = createDispatcher({ loadBalancerSocket: config.loadBalancerSocket, queueLimit: config.queueLimit, logger: log });
  await dispatcher.listen(config.socketPath);
  log.info('listening', { socket: config.socketPath, loadBalancer: config.loadBalancerSocket, queueLimit: config.queueLimit });
  return { log, stop: () => dispatcher.close(config.socketPath) };
});
