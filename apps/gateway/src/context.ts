import type { FunctionStore } from '@minifaas/function-store';
import type { Logger } from '@minifaas/logger';
import type { DispatcherClient } from '@minifaas/protocol';

/** What a route needs. */
export interface GatewayContext {
  store: FunctionStore;
  compiler: {
    compile(lang: 'c' | 'rust' | 'go', source: Buffer): Promise<{ wasm: Buffer; durationMs: number }>;
  };
  dispatcher: DispatcherClient;
  logger: Logger;
  config: { timeoutMs: number; maxBodyBytes: number; maxSourceBytes: number };
}
