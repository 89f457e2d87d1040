/** The module is not WebAssembly, or uses an encoding this package does not understand. */
export class WasmFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WasmFormatError';
  }
}

/** `\0asm` followed by binary format version 1. */
export const WASM_HEADER = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);

/** A forward-only cursor over a module's bytes; throws WasmFormatError rather than overrun. */
export class WasmByteReader {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end)
      throw new WasmFormatError(`unexpected end of data at byte ${this.pos}`);
    return this.bytes[this.pos++] as number;
  }

  /** LEB128 unsigned 32-bit; accepts padded encodings (wasm-ld pads section sizes to 5 bytes). */
  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.u8();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        if (result > 0xffffffff) throw new WasmFormatError(`u32 out of range at byte ${this.pos}`);
        return result;
      }
    }
    throw new WasmFormatError(`u32 longer than 5 bytes at byte ${this.pos}`);
  }

  /** Any LEB128 number whose value does not matter to us (s33 heap types, u64 table limits). */
  skipLeb(maxBytes: number): void {
    for (let i = 0; i < maxBytes; i++) if ((this.u8() & 0x80) === 0) return;
    throw new WasmFormatError(`LEB128 longer than ${maxBytes} bytes at byte ${this.pos}`);
  }

  skip(length: number): void {
    if (this.pos + length > this.end) {
      throw new WasmFormatError(`unexpected end of data at byte ${this.pos}`);
    }
    this.pos += length;
  }

  /** A length-prefixed byte vector, such as a name. */
  skipVector(): void {
    this.skip(this.u32());
  }
}

/** Minimal LEB128 encoding of an unsigned 32-bit integer. */
export function encodeU32(value: number): Buffer {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`not a u32: ${value}`);
  }
  const out: number[] = [];
  let rest = value;
  do {
    const low = rest % 128;
    rest = Math.floor(rest / 128);
    out.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return Buffer.from(out);
}
