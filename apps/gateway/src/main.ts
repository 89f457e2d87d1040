import { join } from 'node:path';
import pLimit from 'p-limit';
import { createCompilerDriver } from '@minifaas/compiler-driver';
import { redactConfig, runService } from '@minifaas/config';
import { createLogger } from '@minifaas/logger';
import { loadConfig } from './config.js';
import { createGateway } from './gateway.js';

await runService('gateway', loadConfig, async (config) => {
  const log = createLogger('gateway', { level: config.logLevel, format: config.logFormat });
  log.info('config', redactConfig(config));
  const compiler = createCompilerDriver({
    env: config.env,
    cacheDir: join(config.dataDir, 'cache'),
    timeoutMs: config.compileTimeoutMs,
    memoryLimitBytes: config.memoryLimitBytes,
    logger: log,
  });
  const toolchains = await compiler.detect();
  for (const t of Object.values(toolchains)) {
    if (t.available) log.info('toolchain found', { lang: t.lang, command: t.command, version: t.version });
    else log.warn('toolchain missing', { lang: t.lang, problem: t.problem, installHint: t.installHint });
  }
  // At most this many compilers at once: a flood of deploys queues instead of exhausting memory.
  const compileSlots = pLimit(config.compileConcurrency);
  const gateway = await createGateway({
    ...config,
    compiler: { compile: (lang, source, options) => compileSlots(() => compiler.compile(lang, source, options)) },
    logger: log,
  });
  const address = await gateway.listen(config.port, config.host);
  log.info('listening', { url: `http://${address.address}:${address.port}`, dispatcher: config.dispatcherSocket, functions: gateway.store.names().length, versions: gateway.store.count });
  return { log, stop: () => gateway.close() };
});
