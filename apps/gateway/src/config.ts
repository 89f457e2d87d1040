import { availableParallelism } from 'node:os';
import { commonSchema, intVar, parseEnv, z, type Env } from '@minifaas/config';
import { socketPaths } from '@minifaas/protocol';

const MiB = 1024 * 1024;

const schema = commonSchema.extend({
  FAAS_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  FAAS_HTTP_PORT: intVar(8080, 0, 65535),
  FAAS_DISPATCHER_SOCKET: z.string().optional(),
  FAAS_LB_SOCKET: z.string().optional(),
  FAAS_KEEP_VERSIONS: intVar(10, 1, 10_000),
  FAAS_TIMEOUT_MS: intVar(10_000, 1),
  FAAS_MAX_TIMEOUT_MS: intVar(300_000, 1),
  FAAS_MAX_BODY_BYTES: intVar(10 * MiB, 1),
  FAAS_MAX_SOURCE_BYTES: intVar(1 * MiB, 1),
  FAAS_COMPILE_TIMEOUT_MS: intVar(60_000, 1000),
  FAAS_PREPARE_TIMEOUT_MS: intVar(5000, 0, 60_000),
  FAAS_COMPILE_CONCURRENCY: intVar(Math.max(1, availableParallelism()), 1, 256),
  FAAS_MEMORY_LIMIT_MIB: intVar(128, 1, 4096),
  FAAS_MAX_MEMORY_MIB: intVar(4096, 1, 4096),
  FAAS_HEADERS_TIMEOUT_MS: intVar(10_000, 100),
  FAAS_REQUEST_TIMEOUT_MS: intVar(30_000, 100),
  FAAS_API_TOKEN: z.string().optional(),
  FAAS_INVOKE_TOKEN: z.string().optional(),
  FAAS_ALLOWED_HOSTS: z.string().default(''),
});

export type GatewayConfig = ReturnType<typeof loadConfig>;

/** Reads the gateway's configuration once; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env) {
  const raw = parseEnv(schema, env);
  return Object.freeze({
    host: raw.FAAS_HTTP_HOST,
    port: raw.FAAS_HTTP_PORT,
    dispatcherSocket: raw.FAAS_DISPATCHER_SOCKET ?? socketPaths(raw.FAAS_SOCKET_DIR).dispatcher,
    loadBalancerSocket: raw.FAAS_LB_SOCKET ?? socketPaths(raw.FAAS_SOCKET_DIR).loadBalancer,
    keepVersions: raw.FAAS_KEEP_VERSIONS,
    dataDir: raw.FAAS_DATA_DIR,
    timeoutMs: raw.FAAS_TIMEOUT_MS,
    maxTimeoutMs: Math.max(raw.FAAS_MAX_TIMEOUT_MS, raw.FAAS_TIMEOUT_MS),
    maxMemoryMiB: Math.max(raw.FAAS_MAX_MEMORY_MIB, raw.FAAS_MEMORY_LIMIT_MIB),
    maxBodyBytes: raw.FAAS_MAX_BODY_BYTES,
    headersTimeoutMs: raw.FAAS_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: Math.max(raw.FAAS_REQUEST_TIMEOUT_MS, raw.FAAS_HEADERS_TIMEOUT_MS),
    maxSourceBytes: raw.FAAS_MAX_SOURCE_BYTES,
    compileTimeoutMs: raw.FAAS_COMPILE_TIMEOUT_MS,
    compileConcurrency: raw.FAAS_COMPILE_CONCURRENCY,
    prepareTimeoutMs: raw.FAAS_PREPARE_TIMEOUT_MS,
    memoryLimitBytes: raw.FAAS_MEMORY_LIMIT_MIB * MiB,
    apiToken: raw.FAAS_API_TOKEN || undefined,
    invokeToken: raw.FAAS_INVOKE_TOKEN || undefined,
    allowedHosts: raw.FAAS_ALLOWED_HOSTS.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    logLevel: raw.FAAS_LOG_LEVEL,
    logFormat: raw.FAAS_LOG_FORMAT,
    env,
  });
}
