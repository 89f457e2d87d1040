import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FunctionStore } from '@minifaas/function-store';
import type { Logger } from '@minifaas/logger';
import { createDispatcherClient, unixTarget } from '@minifaas/protocol';
import { createApp } from './app.js';
import type { GatewayContext } from './context.js';

export interface GatewayDeps {
  dataDir: string;
  dispatcherSocket: string;
  compiler: GatewayContext['compiler'];
  logger: Logger;
  timeoutMs: number;
  maxBodyBytes: number;
  maxSourceBytes: number;
}

/** Slow clients: headers must arrive within 10 s and the whole request within 30 s. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** Node checks those timeouts only every 30 s by default, far too late to act on them. */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/** Builds the gateway (store, dispatcher channel, HTTP server) without listening. */
export async function createGateway(deps: GatewayDeps) {
  const store = new FunctionStore(deps.dataDir);
  await store.open();
  const dispatcher = createDispatcherClient(unixTarget(deps.dispatcherSocket));
  const app = createApp({
    store,
    compiler: deps.compiler,
    dispatcher,
    logger: deps.logger,
    config: { timeoutMs: deps.timeoutMs, maxBodyBytes: deps.maxBodyBytes, maxSourceBytes: deps.maxSourceBytes },
  });
  const server: Server = createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    app,
  );

  return {
    app,
    store,
    server,
    listen(port: number, host: string): Promise<AddressInfo> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      });
    },
    /** Stops taking requests, lets in-flight ones finish, then closes the dispatcher channel. */
    async close(): Promise<void> {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      dispatcher.close();
    },
  };
}
