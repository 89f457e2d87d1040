import { ConfigError } from './config-error.js';

interface RunningService {
  log: { info(message: string, meta?: object): unknown; error(message: string, meta?: object): unknown };
  /** Stops accepting work, drains what is in flight and releases sockets. */
  stop(): Promise<void>;
}

/**
 * The shared body of every service's main.ts: read config (on failure print every problem and
 * exit 2 before opening any socket), start, and on SIGTERM or SIGINT stop cleanly and exit 0.
 */
export async function runService<C>(
  name: string,
  readConfig: () => C,
  start: (config: C) => Promise<RunningService>,
): Promise<void> {
  let config: C;
  try {
    config = readConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${name}: ${err.message}\n`);
    process.exit(2);
  }
  const service = await start(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.log.info('stopping', { signal });
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        service.log.error('stop failed', { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
