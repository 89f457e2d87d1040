import { connectivityState } from '@grpc/grpc-js';
import { createWorkerClient, type WorkerClient } from '@minifaas/protocol';

/** One open channel per worker address, reused for every call (a channel costs a handshake). */
export class WorkerClients {
  readonly #clients = new Map<string, WorkerClient>();

  get(address: string): WorkerClient {
    let client = this.#clients.get(address);
    if (!client) {
      client = createWorkerClient(address);
      this.#clients.set(address, client);
    }
    return client;
  }

  /** Closes and forgets the channel to a worker that failed; a replacement gets a new one. */
  drop(address: string): void {
    this.#clients.get(address)?.close();
    this.#clients.delete(address);
  }

  /** Resolves true once the channel is connected, false if it cannot connect by deadlineMs. */
  ready(client: WorkerClient, deadlineMs: number): Promise<boolean> {
    // The usual case, a channel already open, answers at once: waitForReady would first wait
    // for the next turn of the event loop (setImmediate) on every call.
    if (client.getChannel().getConnectivityState(false) === connectivityState.READY) return Promise.resolve(true);
    return new Promise((resolve) => client.waitForReady(deadlineMs, (err) => resolve(!err)));
  }

  closeAll(): void {
    for (const client of this.#clients.values()) client.close();
    this.#clients.clear();
  }
}
