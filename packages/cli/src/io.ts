export interface Stream {
  isTTY?: boolean;
  write(chunk: string | Uint8Array): unknown;
}

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  stdout: Stream;
  stderr: Stream;
  stdin: AsyncIterable<Uint8Array> & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  /** The repository root, for `up` and `load`. */
  rootDir: string;
}

export async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
