import { createLogger } from '@minifaas/logger';
import { redactConfig, runService } from '@minifaas/config';
import { loadConfig } from './config.js';
import { createLoadBalancer } from './load-balancer.js';

await runService('load-balancer', loadConfig, async (config) => {
  const log = createLogger('load-balancer', { level: config.logLevel, format: config.logFormat });
  log.info('config', redactConfig(config));
  const lb = createLoadBalancer({ strategy: config.strategy, logger: log });
  await lb.listen(config.socketPath);
  log.info('listening', { socket: config.socketPath, strategy: config.strategy });
  return { log, stop: () => lb.close(config.socketPath) };
});
