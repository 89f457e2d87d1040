export interface TimedReply {
  status: number;
  ms: number;
  body: Record<string, unknown>;
}

/** POSTs `body` to the gateway and times the whole exchange, reply body included. */
export async function timedPost(url: string, body: string | Buffer): Promise<TimedReply> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
  const text = await res.text();
  const ms = performance.now() - started;
  try {
    return { status: res.status, ms, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: res.status, ms, body: { ok: false, error: text.slice(0, 200) } };
  }
}
