import { WASM_HEADER, WasmByteReader, WasmFormatError, encodeU32 } from './wasm-bytes.js';

/**
 * Caps the maximum of a module's linear memories by rewriting only the limits in its import
 * (id 2) and memory (id 5) sections; every other byte is copied as is. Go's linker writes no
 * maximum. Libraries were no clean fit: binaryen re-encodes the whole module (readBinary drops
 * the name section, AssemblyScript/binaryen.js#99, and setMemory replaces the data segments),
 * and @webassemblyjs decodes every function body but knows only part of the post-MVP 0xFC
 * opcodes (unjs/unwasm#92). Format: https://webassembly.github.io/spec/core/binary/.
 *
 * Go's wasip1 linker defines its memory itself and imports only WASI functions; imported
 * memories are capped too, for modules linked with --import-memory.
 */

export const WASM_PAGE_BYTES = 65_536;
/** A 32-bit memory can address at most 4 GiB. */
export const MAX_WASM32_PAGES = 65_536;

export interface MemoryLimits {
  minPages: number;
  maxPages: number | undefined;
  shared: boolean;
  imported: boolean;
}

/** The module needs more memory at start than the limit allows. */
export class MemoryLimitError extends Error {
  constructor(
    readonly minPages: number,
    readonly limitPages: number,
  ) {
    super(
      `the module needs ${formatPages(minPages)} of memory at start, ` +
        `more than the limit of ${formatPages(limitPages)}`,
    );
    this.name = 'MemoryLimitError';
  }
}

const SECTION_IMPORT = 2;
const SECTION_MEMORY = 5;
const LIMITS_HAS_MAX = 0x01;
const LIMITS_SHARED = 0x02;
/** memory64 (0x04) and custom page sizes (0x08) change the encoding; our compilers emit neither. */
const LIMITS_KNOWN_FLAGS = LIMITS_HAS_MAX | LIMITS_SHARED;

interface Section {
  id: number;
  start: number;
  contentStart: number;
  end: number;
}

interface LimitsEntry extends MemoryLimits {
  start: number;
  end: number;
}

/** The limits of every memory, imported ones first (their order in the memory index space). */
export function readMemoryLimits(wasm: Uint8Array): MemoryLimits[] {
  return memoryEntries(wasm, readSections(wasm)).map(({ start, end, ...limits }) => limits);
}

/**
 * A copy of the module whose memories may grow to at most maxPages. A smaller existing maximum
 * is kept. Throws MemoryLimitError when a memory's minimum is above maxPages, WasmFormatError
 * when the bytes are not a module this reader understands.
 */
export function capMemoryMaximum(wasm: Uint8Array, maxPages: number): Buffer {
  if (!Number.isInteger(maxPages) || maxPages < 0 || maxPages > MAX_WASM32_PAGES) {
    throw new RangeError(`maxPages must be an integer from 0 to ${MAX_WASM32_PAGES}: ${maxPages}`);
  }
  const sections = readSections(wasm);
  const patches = new Map<LimitsEntry, Buffer>();
  for (const entry of memoryEntries(wasm, sections)) {
    const encoded = encodeCappedLimits(entry, maxPages);
    if (Buffer.compare(encoded, wasm.subarray(entry.start, entry.end)) === 0) continue;
    patches.set(entry, encoded);
  }
  if (patches.size === 0) return Buffer.from(wasm);

  const parts: Uint8Array[] = [WASM_HEADER];
  for (const section of sections) {
    const inside = [...patches].filter(
      ([e]) => e.start >= section.contentStart && e.end <= section.end,
    );
    parts.push(
      inside.length === 0
        ? wasm.subarray(section.start, section.end)
        : rebuild(wasm, section, inside),
    );
  }
  return Buffer.concat(parts);
}

function encodeCappedLimits(entry: LimitsEntry, maxPages: number): Buffer {
  if (entry.minPages > maxPages) throw new MemoryLimitError(entry.minPages, maxPages);
  const max = Math.min(entry.maxPages ?? maxPages, maxPages);
  const flags = LIMITS_HAS_MAX | (entry.shared ? LIMITS_SHARED : 0);
  return Buffer.concat([Buffer.of(flags), encodeU32(entry.minPages), encodeU32(max)]);
}

function rebuild(wasm: Uint8Array, section: Section, patches: [LimitsEntry, Buffer][]): Buffer {
  const content: Uint8Array[] = [];
  let at = section.contentStart;
  for (const [entry, bytes] of patches.sort(([a], [b]) => a.start - b.start)) {
    content.push(wasm.subarray(at, entry.start), bytes);
    at = entry.end;
  }
  content.push(wasm.subarray(at, section.end));
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.of(section.id), encodeU32(body.length), body]);
}

function readSections(wasm: Uint8Array): Section[] {
  if (wasm.length < 8 || Buffer.compare(wasm.subarray(0, 8), WASM_HEADER) !== 0) {
    throw new WasmFormatError('not a WebAssembly module: the \\0asm version 1 header is missing');
  }
  const reader = new WasmByteReader(wasm, 8);
  const sections: Section[] = [];
  while (!reader.done) {
    const start = reader.pos;
    const id = reader.u8();
    const size = reader.u32();
    const contentStart = reader.pos;
    reader.skip(size);
    sections.push({ id, start, contentStart, end: reader.pos });
  }
  return sections;
}

function memoryEntries(wasm: Uint8Array, sections: Section[]): LimitsEntry[] {
  const imports = sections.filter((s) => s.id === SECTION_IMPORT);
  const memories = sections.filter((s) => s.id === SECTION_MEMORY);
  return [
    ...imports.flatMap((s) => importedMemories(wasm, s)),
    ...memories.flatMap((s) => definedMemories(wasm, s)),
  ];
}

function definedMemories(wasm: Uint8Array, section: Section): LimitsEntry[] {
  const reader = new WasmByteReader(wasm, section.contentStart, section.end);
  const entries: LimitsEntry[] = [];
  for (let count = reader.u32(); count > 0; count--) entries.push(readLimits(reader, false));
  expectSectionEnd(reader, 'memory');
  return entries;
}

function importedMemories(wasm: Uint8Array, section: Section): LimitsEntry[] {
  const reader = new WasmByteReader(wasm, section.contentStart, section.end);
  const entries: LimitsEntry[] = [];
  for (let count = reader.u32(); count > 0; count--) {
    reader.skipVector(); // module name
    reader.skipVector(); // field name
    const kind = reader.u8();
    if (kind === 0x02) entries.push(readLimits(reader, true));
    else skipImportDescription(reader, kind);
  }
  expectSectionEnd(reader, 'import');
  return entries;
}

function readLimits(reader: WasmByteReader, imported: boolean): LimitsEntry {
  const start = reader.pos;
  const flags = reader.u8();
  if ((flags & ~LIMITS_KNOWN_FLAGS) !== 0) {
    throw new WasmFormatError(`unsupported memory limits flags 0x${flags.toString(16)}`);
  }
  const minPages = reader.u32();
  const maxPages = flags & LIMITS_HAS_MAX ? reader.u32() : undefined;
  const shared = (flags & LIMITS_SHARED) !== 0;
  return { start, end: reader.pos, minPages, maxPages, shared, imported };
}

function skipImportDescription(reader: WasmByteReader, kind: number): void {
  switch (kind) {
    case 0x00: // function: type index
      reader.u32();
      return;
    case 0x01: // table: reference type, then limits
      skipValueType(reader);
      skipTableLimits(reader);
      return;
    case 0x03: // global: value type, then mutability
      skipValueType(reader);
      reader.u8();
      return;
    case 0x04: // tag (exception handling): attribute, then type index
      reader.u8();
      reader.u32();
      return;
    default:
      throw new WasmFormatError(
        `unknown import kind 0x${kind.toString(16)} at byte ${reader.pos - 1}`,
      );
  }
}

function skipValueType(reader: WasmByteReader): void {
  const type = reader.u8();
  // (ref null? heaptype) from the GC / function-references proposals carry a heap type index.
  if (type === 0x63 || type === 0x64) reader.skipLeb(5);
}

function skipTableLimits(reader: WasmByteReader): void {
  const flags = reader.u8();
  const count = flags & LIMITS_HAS_MAX ? 2 : 1;
  // table64 (flag 0x04) encodes its limits as u64; skip them as plain LEB128 of any length.
  for (let i = 0; i < count; i++) reader.skipLeb(10);
}

function expectSectionEnd(reader: WasmByteReader, name: string): void {
  if (reader.pos !== reader.end) {
    throw new WasmFormatError(
      `the ${name} section has ${reader.end - reader.pos} unexpected trailing bytes`,
    );
  }
}

function formatPages(pages: number): string {
  const mib = (pages * WASM_PAGE_BYTES) / 2 ** 20;
  return `${pages} pages (${Number.isInteger(mib) ? mib : mib.toFixed(2)} MiB)`;
}
