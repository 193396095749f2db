// Loads web-tree-sitter and the JavaScript, TypeScript, TSX and Python grammars once, lazily.
// The grammars are the .wasm files shipped inside their npm packages: nothing is fetched or built.
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

export type SourceLanguage = 'javascript' | 'typescript' | 'tsx' | 'python';

const require = createRequire(import.meta.url);

const GRAMMARS: Record<SourceLanguage, string> = {
  javascript: 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  typescript: 'tree-sitter-typescript/tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-typescript/tree-sitter-tsx.wasm',
  python: 'tree-sitter-python/tree-sitter-python.wasm',
};

const EXTENSIONS: Record<string, SourceLanguage> = {
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  py: 'python',
};

/** The language of a file from its extension, or undefined when unsupported. */
export function languageOf(path: string): SourceLanguage | undefined {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : EXTENSIONS[ext];
}

/** Normalizes a language name as a user may write it (js, ts, py…). */
export function normalizeLanguage(name: string): SourceLanguage | undefined {
  const lower = name.toLowerCase();
  if (lower === 'javascript' || lower === 'typescript' || lower === 'tsx' || lower === 'python') return lower;
  return EXTENSIONS[lower];
}

let init: Promise<void> | undefined;
const languages = new Map<SourceLanguage, Promise<Language>>();

/** A parser set to `language` (the runtime and each grammar are loaded on first use). */
export async function parserFor(language: SourceLanguage): Promise<Parser> {
  init ??= Parser.init();
  await init;
  let loaded = languages.get(language);
  if (!loaded) {
    loaded = Language.load(require.resolve(GRAMMARS[language]));
    languages.set(language, loaded);
  }
  const parser = new Parser();
  parser.setLanguage(await loaded);
  return parser;
}
