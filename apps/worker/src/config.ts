import { hostname } from 'node:os';
import { commonSchema, intVar, parseEnv, z, type Env } from '@minifaas/config';
import { socketPaths } from '@minifaas/protocol';

const schema = commonSchema.extend({
  FAAS_WORKER_ID: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/).optional(),
  FAAS_WORKER_WEIGHT: intVar(1, 1, 1000),
  FAAS_WORKER_SOCKET: z.string().optional(),
  FAAS_LB_SOCKET: z.string().optional(),
  FAAS_OUTPUT_LIMIT_BYTES: intVar(4 * 1024 * 1024, 1024),
  FAAS_WORKER_MAX_MODULES: intVar(64, 1),
  FAAS_SANDBOX: z.enum(['auto', 'uid+bwrap', 'bwrap', 'uid+landlock', 'uid', 'none']).default('auto'),
  FAAS_NATIVE_MEMORY_LIMIT_MIB: intVar(256, 16, 65536),
  FAAS_MAX_PROCESSES: intVar(64, 1, 100_000),
});

export type WorkerConfig = ReturnType<typeof loadConfig>;

/** Reads the worker's configuration once; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env) {
  const raw = parseEnv(schema, env);
  const id = raw.FAAS_WORKER_ID ?? `${hostname()}-${process.pid}`;
  const sockets = socketPaths(raw.FAAS_SOCKET_DIR);
  return Object.freeze({
    id,
    weight: raw.FAAS_WORKER_WEIGHT,
    socketPath: raw.FAAS_WORKER_SOCKET ?? sockets.worker(id),
    loadBalancerSocket: raw.FAAS_LB_SOCKET ?? sockets.loadBalancer,
    dataDir: raw.FAAS_DATA_DIR,
    outputLimitBytes: raw.FAAS_OUTPUT_LIMIT_BYTES,
    maxModules: raw.FAAS_WORKER_MAX_MODULES,
    sandbox: raw.FAAS_SANDBOX,
    limits: { memoryLimitMiB: raw.FAAS_NATIVE_MEMORY_LIMIT_MIB, maxProcesses: raw.FAAS_MAX_PROCESSES },
    env,
    logLevel: raw.FAAS_LOG_LEVEL,
    logFormat: raw.FAAS_LOG_FORMAT,
  });
}
