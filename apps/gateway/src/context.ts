import type { FunctionStore } from '@minifaas/function-store';
import type { Logger } from '@minifaas/logger';
import type { DispatcherClient, LoadBalancerClient } from '@minifaas/protocol';
import type { InvocationHistory } from './history.js';
import type { GatewayMetrics } from './metrics.js';
import type { Tokens } from './security.js';

/** What a route needs. */
export interface GatewayContext {
  store: FunctionStore;
  compiler: {
    compile(
      lang: 'c' | 'rust' | 'go',
      source: Buffer,
      options?: { memoryLimitBytes?: number },
    ): Promise<{ wasm: Buffer; durationMs: number }>;
  };
  dispatcher: DispatcherClient;
  loadBalancer: LoadBalancerClient;
  history: InvocationHistory;
  metrics: GatewayMetrics;
  logger: Logger;
  tokens: Tokens;
  /** Host names, besides IP addresses and localhost, that requests may name (`*`: any). */
  allowedHosts: readonly string[];
  config: {
    timeoutMs: number;
    maxTimeoutMs: number;
    /** Largest `memoryMiB` a deploy may ask for. */
    maxMemoryMiB: number;
    maxBodyBytes: number;
    maxSourceBytes: number;
    /** How long a deploy waits for its module to be loaded on the workers; 0 skips preparing. */
    prepareTimeoutMs: number;
  };
}
