import { commonSchema, parseEnv, strategyVar, z, type Env } from '@minifaas/config';
import { socketPaths } from '@minifaas/protocol';

const schema = commonSchema.extend({
  FAAS_LB_STRATEGY: strategyVar,
  FAAS_LB_SOCKET: z.string().optional(),
});

export type LoadBalancerConfig = ReturnType<typeof loadConfig>;

/** Reads the load balancer's configuration once; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env) {
  const raw = parseEnv(schema, env);
  return Object.freeze({
    strategy: raw.FAAS_LB_STRATEGY,
    socketPath: raw.FAAS_LB_SOCKET ?? socketPaths(raw.FAAS_SOCKET_DIR).loadBalancer,
    logLevel: raw.FAAS_LOG_LEVEL,
    logFormat: raw.FAAS_LOG_FORMAT,
  });
}
