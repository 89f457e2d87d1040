import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FunctionStore } from '@minifaas/function-store';
import type { Logger } from '@minifaas/logger';
import { createDispatcherClient, createLoadBalancerClient, ERROR_CODES, type ErrorCode, unixTarget } from '@minifaas/protocol';
import { createApp } from './app.js';
import type { GatewayContext } from './context.js';
import { InvocationHistory } from './history.js';
import { LiveFeed } from './live.js';
import { GatewayMetrics } from './metrics.js';

export interface GatewayDeps {
  dataDir: string;
  dispatcherSocket: string;
  /** The load balancer is asked directly only to read and switch the strategy. */
  loadBalancerSocket: string;
  /** Versions kept per function name (default 10). */
  keepVersions?: number;
  compiler: GatewayContext['compiler'];
  logger: Logger;
  timeoutMs: number;
  /** Longest timeout a deploy may ask for. */
  maxTimeoutMs: number;
  /** Largest memory a deploy may ask for, in MiB (default 4096). */
  maxMemoryMiB?: number;
  maxBodyBytes: number;
  maxSourceBytes: number;
  /** How long a deploy waits for its module to be loaded on the workers (default 5 s). */
  prepareTimeoutMs?: number;
  /** Slow clients: all headers must arrive within this long (default 10 s)... */
  headersTimeoutMs: number;
  /** ...and the whole request within this long (default 30 s). */
  requestTimeoutMs: number;
  /** Bearer tokens; unset means open (fine on a laptop, not elsewhere). */
  apiToken?: string;
  invokeToken?: string;
  /** Host names, besides IP addresses and localhost, that requests may name (`*`: any). */
  allowedHosts?: readonly string[];
}

/**
 * Node checks headersTimeout and requestTimeout only every 30 s by default, far too late to
 * stop idle or trickling clients from holding connections.
 */
const TIMEOUT_CHECK_INTERVAL_MS = 250;
/** A module loads in tens of ms; four workers loading a large Go module on two cores, in ~1 s. */
const DEFAULT_PREPARE_TIMEOUT_MS = 5000;

/**
 * Requests that Node's HTTP parser refuses never reach express: without this, Node answers them
 * with an empty body. They get the same JSON errors as every other refusal, then the connection
 * is closed (the parser cannot go on after such an error).
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const response = (socket as Socket & { _httpMessage?: { headersSent: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  const [code, message]: [ErrorCode, string] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ['HEADERS_TOO_LARGE', 'the request line and headers are over 16 KiB; send less (a long query or X-Function-Env?)']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['REQUEST_TIMEOUT', 'the request did not arrive in time; the connection is closed']
        : ['BAD_REQUEST', `the request is not valid HTTP (${err.code ?? 'parse error'})`];
  const status = ERROR_CODES[code].http;
  const body = JSON.stringify({ ok: false, error: message, code });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Builds the gateway (store, dispatcher channel, HTTP server) without listening. */
export async function createGateway(deps: GatewayDeps) {
  const store = new FunctionStore(deps.dataDir, { keepVersions: deps.keepVersions });
  await store.open();
  const dispatcher = createDispatcherClient(unixTarget(deps.dispatcherSocket));
  const loadBalancer = createLoadBalancerClient(unixTarget(deps.loadBalancerSocket));
  const metrics = new GatewayMetrics();
  const ctx: GatewayContext = {
    store,
    compiler: deps.compiler,
    dispatcher,
    loadBalancer,
    history: new InvocationHistory(),
    metrics,
    logger: deps.logger,
    tokens: { apiToken: deps.apiToken, invokeToken: deps.invokeToken },
    allowedHosts: deps.allowedHosts ?? [],
    config: {
      timeoutMs: deps.timeoutMs,
      maxTimeoutMs: deps.maxTimeoutMs,
      maxMemoryMiB: deps.maxMemoryMiB ?? 4096,
      maxBodyBytes: deps.maxBodyBytes,
      maxSourceBytes: deps.maxSourceBytes,
      prepareTimeoutMs: deps.prepareTimeoutMs ?? DEFAULT_PREPARE_TIMEOUT_MS,
    },
  };
  const live = new LiveFeed(ctx);
  const app = createApp(ctx, live);
  const server: Server = createServer(
    {
      headersTimeout: deps.headersTimeoutMs,
      requestTimeout: deps.requestTimeoutMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    app,
  );
  server.on('clientError', answerClientError);

  return {
    app,
    store,
    metrics,
    server,
    listen(port: number, host: string): Promise<AddressInfo> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      });
    },
    /** Stops taking requests, lets in-flight ones finish, then closes the dispatcher channel. */
    async close(): Promise<void> {
      // Dashboard streams never end by themselves; close them so the server can drain.
      live.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      dispatcher.close();
      loadBalancer.close();
    },
  };
}
