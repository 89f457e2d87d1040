import { commonSchema, intVar, parseEnv, z, type Env } from '@minifaas/config';
import { socketPaths } from '@minifaas/protocol';

const schema = commonSchema.extend({
  FAAS_QUEUE_LIMIT: intVar(1024, 1),
  FAAS_LB_SOCKET: z.string().optional(),
  FAAS_DISPATCHER_SOCKET: z.string().optional(),
});

export type DispatcherConfig = ReturnType<typeof loadConfig>;

/** Reads the dispatcher's configuration once; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env) {
  const raw = parseEnv(schema, env);
  const sockets = socketPaths(raw.FAAS_SOCKET_DIR);
  return Object.freeze({
    queueLimit: raw.FAAS_QUEUE_LIMIT,
    socketPath: raw.FAAS_DISPATCHER_SOCKET ?? sockets.dispatcher,
    loadBalancerSocket: raw.FAAS_LB_SOCKET ?? sockets.loadBalancer,
    logLevel: raw.FAAS_LOG_LEVEL,
    logFormat: raw.FAAS_LOG_FORMAT,
  });
}
