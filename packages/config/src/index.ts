import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export { z };
export { runService } from './run-service.js';
import { ConfigError } from './config-error.js';
export { ConfigError };

/** Environment as a plain object, so tests can pass one instead of process.env. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates env against a zod schema of FAAS_* variables and returns a frozen result; throws a
 * ConfigError listing every problem.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env): Readonly<z.infer<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  return Object.freeze(result.data);
}

/** Unix user id for per-user defaults; 0 where there is none. */
const uid = typeof process.getuid === 'function' ? process.getuid() : 0;

/** Defaults shared by every service, documented in the README's configuration table. */
export const DEFAULTS = {
  socketDir: join(tmpdir(), `minifaas-${uid}`),
  dataDir: join(homedir(), '.local', 'share', 'minifaas'),
  logLevel: 'info',
  logFormat: 'json',
} as const;

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The variables every service reads. */
export const commonSchema = z.object({
  FAAS_SOCKET_DIR: z.preprocess(emptyToUndefined, z.string().default(DEFAULTS.socketDir)),
  FAAS_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(DEFAULTS.dataDir)),
  FAAS_LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).default('info'),
  ),
  // Readable text when a person watches the terminal (`pnpm --filter <app> dev`), JSON otherwise.
  FAAS_LOG_FORMAT: z.preprocess(emptyToUndefined, z.enum(['json', 'pretty']).default(process.stderr.isTTY ? 'pretty' : 'json')),
});

/** An optional integer variable with a default and bounds. */
export function intVar(defaultValue: number, min = 0, max = Number.MAX_SAFE_INTEGER) {
  return z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(defaultValue));
}

/** Strategy names the load balancer knows (its createStrategy builds each one). */
export const STRATEGIES = ['RR', 'FIFO', 'WEIGHTED', 'AFFINITY'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

export const strategyVar = z.preprocess(
  (v) => (typeof v === 'string' && v !== '' ? v.toUpperCase() : undefined),
  z.enum(STRATEGIES).default('RR'),
);

/** A copy of a config fit for the log: secrets masked, the raw environment left out. */
export function redactConfig(config: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === 'env') continue;
    out[key] = /token|secret|password/i.test(key) && value ? '***' : value;
  }
  return out;
}
