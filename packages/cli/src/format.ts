/** A plain text table: a header row and left-aligned columns two spaces apart. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

const EXTENSIONS: Record<string, string> = {
  c: 'c',
  rs: 'rust',
  go: 'go',
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  py: 'python',
  php: 'php',
  html: 'html',
  htm: 'html',
};

/** The language a file's extension stands for, or undefined. */
export function languageOf(file: string): string | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : EXTENSIONS[ext];
}

/** A function name from a file name: the base name without extension, made valid. */
export function nameOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  const cleaned = stem.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 63);
  return cleaned || 'function';
}

/** Bytes from a reply field that may be base64 (`outputEncoding: base64`). */
export function decodeField(text: unknown, encoding: unknown): Buffer {
  return Buffer.from(String(text ?? ''), encoding === 'base64' ? 'base64' : 'utf8');
}

/** "12:03:04" for today, the date too otherwise. */
export function shortTime(iso: unknown): string {
  const date = new Date(String(iso));
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? date.toTimeString().slice(0, 8) : date.toISOString().slice(0, 19).replace('T', ' ');
}
