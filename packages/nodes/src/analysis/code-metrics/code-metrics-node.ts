import { defineNode, type Json } from '@weft/engine';
import { z } from 'zod';
import { measureTree, type FunctionMetrics, type MagicNumber, type SyntaxIssue } from './metrics.ts';
import { languageOf, normalizeLanguage, parserFor, type SourceLanguage } from './parser.ts';

const fileSchema = z.object({
  path: z.string().min(1).describe('File path; its extension picks the language (js, jsx, mjs, cjs, ts, tsx, py).'),
  content: z.string(),
});

const paramsSchema = z
  .object({
    files: z.array(fileSchema).optional().describe('Source files to measure.'),
    code: z.string().optional().describe('A single snippet, instead of `files`.'),
    language: z.string().optional().describe('Language of `code`: javascript, typescript, tsx, python (or js, ts, py).'),
    maxLength: z.number().int().positive().default(50).describe('Functions longer than this many lines count as long.'),
    maxNesting: z.number().int().positive().default(4).describe('Functions nested deeper than this count as deep.'),
  })
  .refine((p) => p.files !== undefined || p.code !== undefined, { message: 'required: `files` or `code`' })
  .refine((p) => p.code === undefined || (p.language !== undefined && normalizeLanguage(p.language) !== undefined), {
    message: '`code` needs `language`: javascript, typescript, tsx or python',
  });

export interface FileMetrics {
  path: string;
  language: SourceLanguage | null;
  skipped?: string;
  lines: number;
  functions: number;
  complexity: number;
  maxComplexity: number;
  magicNumbers: number;
  topLevelMagicNumbers: MagicNumber[];
  syntaxErrors: SyntaxIssue[];
}

export interface MetricsSummary {
  files: number;
  functions: number;
  maxComplexity: number;
  avgComplexity: number;
  longFunctions: number;
  deepNesting: number;
  magicNumbers: number;
  syntaxErrors: number;
}

export interface CodeMetricsOutput {
  functions: FunctionMetrics[];
  files: FileMetrics[];
  summary: MetricsSummary;
}

/** Measures source files with a real parser (tree-sitter): one entry per function, per file, and a summary. */
export async function measureFiles(
  files: { path: string; content: string; language?: SourceLanguage }[],
  limits: { maxLength: number; maxNesting: number } = { maxLength: 50, maxNesting: 4 },
): Promise<CodeMetricsOutput> {
  const functions: FunctionMetrics[] = [];
  const perFile: FileMetrics[] = [];
  for (const file of files) {
    const language = file.language ?? languageOf(file.path);
    const lines = file.content === '' ? 0 : file.content.split('\n').length;
    const base = { path: file.path, lines, functions: 0, complexity: 0, maxComplexity: 0, magicNumbers: 0 };
    if (!language) {
      perFile.push({ ...base, language: null, skipped: 'unsupported language', topLevelMagicNumbers: [], syntaxErrors: [] });
      continue;
    }
    const parser = await parserFor(language);
    const tree = parser.parse(file.content);
    parser.delete();
    if (!tree) throw new Error(`could not parse ${file.path}`);
    const measured = measureTree(tree.rootNode, file.path, language);
    tree.delete();
    functions.push(...measured.functions);
    const complexities = measured.functions.map((f) => f.complexity);
    perFile.push({
      ...base,
      language,
      functions: measured.functions.length,
      complexity: complexities.reduce((a, b) => a + b, 0),
      maxComplexity: Math.max(0, ...complexities),
      magicNumbers:
        measured.topLevelMagicNumbers.length + measured.functions.reduce((n, f) => n + f.magicNumbers.length, 0),
      topLevelMagicNumbers: measured.topLevelMagicNumbers,
      syntaxErrors: measured.syntaxErrors,
    });
  }
  const total = functions.reduce((n, f) => n + f.complexity, 0);
  return {
    functions,
    files: perFile,
    summary: {
      files: perFile.length,
      functions: functions.length,
      maxComplexity: Math.max(0, ...functions.map((f) => f.complexity)),
      avgComplexity: functions.length === 0 ? 0 : Math.round((total / functions.length) * 100) / 100,
      longFunctions: functions.filter((f) => f.lines > limits.maxLength).length,
      deepNesting: functions.filter((f) => f.maxNesting > limits.maxNesting).length,
      magicNumbers: perFile.reduce((n, f) => n + f.magicNumbers, 0),
      syntaxErrors: perFile.reduce((n, f) => n + f.syntaxErrors.length, 0),
    },
  };
}

/** `code_metrics`: functions, cyclomatic complexity, nesting and magic numbers of JS/TS/Python sources. */
export const codeMetricsNode = defineNode({
  type: 'code_metrics',
  version: 1,
  category: 'data',
  title: 'Code metrics',
  description:
    'Parses JavaScript, TypeScript and Python with tree-sitter and reports each function (lines, parameters, ' +
    'cyclomatic complexity, nesting depth, magic numbers), per-file totals and a summary. Syntax errors are ' +
    'reported per file; they do not fail the step.',
  params: paramsSchema,
  example: { files: '{{ input.files }}' },
  async run(ctx) {
    const p = ctx.params;
    const files: { path: string; content: string; language?: SourceLanguage }[] = [...(p.files ?? [])];
    if (p.code !== undefined) {
      const language = normalizeLanguage(p.language ?? '');
      files.push({ path: 'snippet', content: p.code, ...(language ? { language } : {}) });
    }
    const output = await measureFiles(files, { maxLength: p.maxLength, maxNesting: p.maxNesting });
    return { output: output as unknown as Json };
  },
});
