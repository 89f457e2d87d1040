import type { Logger } from '@minifaas/logger';
import { Metadata } from '@grpc/grpc-js';
import { createLoadBalancerClient, unixTarget, type WorkerInfo } from '@minifaas/protocol';

/**
 * Keeps this worker registered with the load balancer: a Register stream held open for the
 * worker's whole life. When the load balancer restarts the stream ends, and the worker registers
 * again as soon as it is back (waitForReady lets gRPC's own reconnect backoff do the waiting).
 */
export function keepRegistered(loadBalancerSocket: string, worker: WorkerInfo, logger: Logger) {
  const client = createLoadBalancerClient(unixTarget(loadBalancerSocket));
  let stopped = false;
  let current: ReturnType<typeof client.Register> | undefined;
  let registered: () => void = () => undefined;
  const firstRegistration = new Promise<void>((resolve) => (registered = resolve));

  const connect = () => {
    if (stopped) return;
    const stream = client.Register({ worker }, new Metadata({ waitForReady: true }));
    current = stream;
    stream.on('data', () => {
      logger.info('registered', { loadBalancer: loadBalancerSocket });
      registered();
    });
    stream.on('error', () => undefined); // 'end' or 'close' follows and reconnects
    stream.on('close', () => {
      if (stopped) return;
      logger.warn('load balancer connection lost', { loadBalancer: loadBalancerSocket });
      setTimeout(connect, 200).unref();
    });
  };
  connect();

  return {
    registered: firstRegistration,
    stop() {
      stopped = true;
      current?.cancel();
      client.close();
    },
  };
}
