const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes as JSON-safe text: decoded as UTF-8 once over the whole buffer (a character split
 * across chunks stays whole), or base64 when the bytes are not valid UTF-8.
 */
export function encodeBytes(bytes: Uint8Array): { text: string; encoding: 'utf8' | 'base64' } {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), encoding: 'base64' };
  }
}
