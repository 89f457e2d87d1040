/**
 * Collects a guest's stdout or stderr up to a byte cap. Past the cap it keeps only the first
 * `limitBytes`, remembers that it cut, and tells the caller once so the guest can be stopped
 * instead of running on (a flood of hundreds of MiB must not grow the worker's memory).
 */
export class OutputBuffer {
  readonly #chunks: Buffer[] = [];
  #size = 0;
  #truncated = false;
  readonly #limitBytes: number;
  readonly #onLimit: () => void;

  constructor(limitBytes: number, onLimit: () => void) {
    this.#limitBytes = limitBytes;
    this.#onLimit = onLimit;
  }

  push(chunk: Uint8Array): void {
    if (this.#truncated) return;
    const room = this.#limitBytes - this.#size;
    if (chunk.length <= room) {
      this.#chunks.push(Buffer.from(chunk));
      this.#size += chunk.length;
      return;
    }
    this.#chunks.push(Buffer.from(chunk.subarray(0, room)));
    this.#size += room;
    this.#truncated = true;
    this.#onLimit();
  }

  get truncated(): boolean {
    return this.#truncated;
  }

  bytes(): Buffer {
    return Buffer.concat(this.#chunks, this.#size);
  }
}
