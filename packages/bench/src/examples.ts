import type { NativeLanguage } from '@minifaas/worker';

export interface Example {
  lang: string;
  file: string;
  /** For interpreted languages: the bare per-call spawn of its interpreter is compared with. */
  native?: NativeLanguage;
}

/** The hello functions of `examples/`, in the order the bench runs them. */
export const EXAMPLES: readonly Example[] = [
  { lang: 'c', file: 'hello.c' },
  { lang: 'rust', file: 'hello.rs' },
  { lang: 'go', file: 'hello.go' },
  { lang: 'js', file: 'hello.js', native: 'js' },
  { lang: 'python', file: 'hello.py', native: 'python' },
  { lang: 'php', file: 'hello.php', native: 'php' },
];
