/** Tiny hand-written module encoder for the memory-limit tests; bytes as plain number arrays. */

export function u32(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  do {
    const low = rest % 128;
    rest = Math.floor(rest / 128);
    out.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return out;
}

/** The same value in five bytes, as wasm-ld writes section sizes so it can patch them later. */
export function paddedU32(value: number): number[] {
  return [0, 7, 14, 21]
    .map((shift) => ((value >>> shift) & 0x7f) | 0x80)
    .concat((value >>> 28) & 0x0f);
}

export function name(text: string): number[] {
  const bytes = [...Buffer.from(text)];
  return [...u32(bytes.length), ...bytes];
}

export function vector(items: number[][]): number[] {
  return [...u32(items.length), ...items.flat()];
}

export function section(id: number, content: number[], size = u32(content.length)): number[] {
  return [id, ...size, ...content];
}

export function limits(min: number, max?: number, shared = false): number[] {
  const flags = (max === undefined ? 0 : 1) | (shared ? 2 : 0);
  return [flags, ...u32(min), ...(max === undefined ? [] : u32(max))];
}

export const memorySection = (...memories: number[][]) => section(5, vector(memories));
export const exportMemory = section(7, vector([[...name('memory'), 0x02, 0]]));
/** One function type, () -> (), so function imports have something to refer to. */
export const voidType = section(1, vector([[0x60, 0, 0]]));

export function wasmModule(...sections: number[][]): Buffer {
  return Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]);
}
