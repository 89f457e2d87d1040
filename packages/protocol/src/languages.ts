/** Canonical language names; aliases map onto them. */
export const LANGUAGES = ['c', 'rust', 'go', 'js', 'python', 'php', 'html'] as const;
export type Language = (typeof LANGUAGES)[number];

const ALIASES: Record<string, Language> = {
  c: 'c',
  rust: 'rust',
  rs: 'rust',
  go: 'go',
  golang: 'go',
  js: 'js',
  javascript: 'js',
  node: 'js',
  python: 'python',
  py: 'python',
  php: 'php',
  html: 'html',
  htm: 'html',
};

/** Languages compiled to WebAssembly at deploy time and run in @wasmer/sdk. */
export const WASM_LANGUAGES: readonly Language[] = ['c', 'rust', 'go'];
/** Languages run by their own interpreter in a contained process. */
export const NATIVE_LANGUAGES: readonly Language[] = ['js', 'python', 'php'];

/** The canonical language for a name or alias (case-insensitive), or undefined. */
export function resolveLanguage(value: string): Language | undefined {
  return Object.hasOwn(ALIASES, value.toLowerCase()) ? ALIASES[value.toLowerCase()] : undefined;
}

export function isWasmLanguage(lang: Language): boolean {
  return WASM_LANGUAGES.includes(lang);
}

/** Every accepted spelling, for error messages. */
export const LANGUAGE_ALIASES: readonly string[] = Object.keys(ALIASES);
