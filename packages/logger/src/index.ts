import winston from 'winston';

export type Logger = winston.Logger;
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level?: string;
  format?: LogFormat;
}

/**
 * One logger per service: JSON lines by default (containers, log shippers), readable text with
 * FAAS_LOG_FORMAT=pretty. Messages are short constant phrases; variables go in the metadata.
 */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  const format =
    options.format === 'pretty'
      ? winston.format.combine(
          winston.format.timestamp({ format: 'HH:mm:ss.SSS' }),
          winston.format.colorize(),
          winston.format.printf(({ timestamp, level, message, service: svc, ...meta }) => {
            const extra = Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta)}` : '';
            return `${String(timestamp)} ${level} [${String(svc)}] ${String(message)}${extra}`;
          }),
        )
      : winston.format.combine(winston.format.timestamp(), winston.format.json());
  return winston.createLogger({
    level: options.level ?? 'info',
    defaultMeta: { service },
    format,
    // stderr keeps stdout free for a service's own output (the launcher's banner).
    transports: [new winston.transports.Console({ stderrLevels: Object.keys(winston.config.npm.levels) })],
  });
}

/** A logger that drops everything: the default for shared packages when the caller gives none. */
export function silentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
