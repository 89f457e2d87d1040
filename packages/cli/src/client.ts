/** A failure the CLI reports as one line and a non-zero exit status. */
export class CliError extends Error {
  readonly code: string | undefined;
  /** The gateway's whole JSON reply, for --json. */
  readonly body: Record<string, unknown> | undefined;

  constructor(message: string, options: { code?: string; body?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'CliError';
    this.code = options.code;
    this.body = options.body;
  }
}

export interface ClientOptions {
  /** Gateway base URL, e.g. http://127.0.0.1:8080. */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
}

export type Reply = Record<string, unknown> & { ok?: boolean };

/** The gateway's HTTP API as the CLI uses it: JSON in, JSON out, errors as CliError. */
export class GatewayClient {
  readonly #url: string;
  readonly #token: string | undefined;

  constructor(options: ClientOptions) {
    this.#url = options.url.replace(/\/+$/, '');
    this.#token = options.token || undefined;
  }

  get url(): string {
    return this.#url;
  }

  /** Sends one request and resolves with the JSON reply of a 2xx; anything else throws CliError. */
  async send(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Reply> {
    const reply = await this.sendAny(method, path, body, headers);
    if (!reply.ok) {
      throw new CliError(String(reply.body['error'] ?? `HTTP ${reply.status}`), { code: String(reply.body['code'] ?? ''), body: reply.body });
    }
    return reply.body;
  }

  /** Like send, but resolves with failures too (invoke shows a failed function's output). */
  async sendAny(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}) {
    const auth: Record<string, string> = this.#token ? { authorization: `Bearer ${this.#token}` } : {};
    let res: Response;
    try {
      res = await fetch(`${this.#url}${path}`, { method, headers: { ...auth, ...headers }, ...(body === undefined ? {} : { body }) });
    } catch (err) {
      const reason = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new CliError(`cannot reach the gateway at ${this.#url} (${reason}); start it with \`minifaas up\` or set FAAS_URL`, { cause: err });
    }
    const text = await res.text();
    let parsed: Reply;
    try {
      parsed = JSON.parse(text) as Reply;
    } catch {
      throw new CliError(`${this.#url} answered HTTP ${res.status} with something other than JSON; is FAAS_URL a minifaas gateway?`);
    }
    return { ok: res.ok && parsed.ok !== false, status: res.status, body: parsed };
  }
}
