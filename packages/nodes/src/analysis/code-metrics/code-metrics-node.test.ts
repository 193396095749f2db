import { describe, expect, it } from 'vitest';
import { workflow, type Json } from '@weft/engine';
import { createTestEngine } from '../../testing/index.ts';
import { analysisNodes } from '../index.ts';
import { measureFiles, type CodeMetricsOutput } from './code-metrics-node.ts';
import type { FunctionMetrics } from './metrics.ts';

type Expected = Pick<FunctionMetrics, 'name' | 'startLine' | 'endLine' | 'parameters' | 'complexity' | 'maxNesting'> & {
  magic: number[];
};

// Each snippet's metrics are counted by hand in the comments.
const cases: { name: string; path: string; code: string; expected: Expected[] }[] = [
  {
    name: 'JS: straight-line code has complexity 1 and no nesting',
    path: 'a.js',
    code: 'function add(a, b) {\n  return a + b;\n}\n',
    expected: [{ name: 'add', startLine: 1, endLine: 3, parameters: ['a', 'b'], complexity: 1, maxNesting: 0, magic: [] }],
  },
  {
    // if, &&, else-if, ||, for, while, ternary → 1 + 7 = 8; for > if > while nests 3 deep; 42 and 7 are magic.
    name: 'JS: branches, loops and boolean operators',
    path: 'b.mjs',
    code: [
      'export function grade(xs, limit = 100) {',
      '  let n = 0;',
      '  for (const x of xs) {',
      '    if (x > 42 && x < limit) {',
      '      while (n < 7) n++;',
      '    } else if (x === -1 || x === 2) {',
      '      n += x ? 1 : 0;',
      '    }',
      '  }',
      '  return n;',
      '}',
    ].join('\n'),
    expected: [
      { name: 'grade', startLine: 1, endLine: 11, parameters: ['xs', 'limit'], complexity: 8, maxNesting: 3, magic: [42, 7] },
    ],
  },
  {
    // Outer: switch with 2 cases (default adds none) + catch → 1 + 3 = 4; try > switch = 2 deep.
    // The arrow function is measured on its own: one `if` → 2; const 60 is named, 3600 is magic.
    name: 'JS: switch arms, catch, nested arrow function and consts',
    path: 'c.cjs',
    code: [
      'const HOUR = 3600;',
      'function unit(kind) {',
      '  const MINUTE = 60;',
      '  try {',
      '    switch (kind) {',
      "      case 'h': return HOUR;",
      "      case 'm': return MINUTE;",
      '      default: return 0;',
      '    }',
      '  } catch (err) {',
      '    const scale = (v) => { if (v) return v * 3600; return 1; };',
      '    return scale(err);',
      '  }',
      '}',
    ].join('\n'),
    expected: [
      { name: 'unit', startLine: 2, endLine: 14, parameters: ['kind'], complexity: 4, maxNesting: 2, magic: [] },
      { name: 'scale', startLine: 11, endLine: 11, parameters: ['v'], complexity: 2, maxNesting: 1, magic: [3600] },
    ],
  },
  {
    // Method named after its class; do-while + if → 3; do > if = 2 deep; -5 is magic, -1 is not.
    name: 'TS: typed parameters, methods, do-while',
    path: 'd.ts',
    code: [
      'class Counter {',
      '  step(count: number, by?: number): number {',
      '    do {',
      '      if (count < -5) return -1;',
      '      count -= by ?? 1;',
      '    } while (count > 0);',
      '    return count;',
      '  }',
      '}',
    ].join('\n'),
    expected: [
      { name: 'Counter.step', startLine: 2, endLine: 8, parameters: ['count', 'by'], complexity: 3, maxNesting: 2, magic: [-5] },
    ],
  },
  {
    // if, and, elif, for, comprehension if, except, conditional expression, or → 1 + 8 = 9.
    // try > for > if = 3 deep (elif adds no level). 10 is a default; 3, 0.5 and 7 are magic.
    name: 'Python: elif, comprehensions, except, and/or, conditional expression',
    path: 'e.py',
    code: [
      'LIMIT = 99',
      '',
      'def score(items, cap=10):',
      '    total = 0',
      '    try:',
      '        for it in items:',
      '            if it > 3 and it < cap:',
      '                total += it',
      '            elif it < 0:',
      '                total -= 1',
      '        odd = [x for x in items if x % 2]',
      '    except ValueError:',
      '        return 0.5',
      '    return total if total else len(odd) or 7',
    ].join('\n'),
    expected: [
      { name: 'score', startLine: 3, endLine: 14, parameters: ['items', 'cap'], complexity: 9, maxNesting: 3, magic: [3, 0.5, 7] },
    ],
  },
  {
    name: 'Python: methods and typed parameters',
    path: 'f.py',
    code: 'class Box:\n    def grow(self, by: int = 1, *rest, **opts):\n        while by:\n            by -= 1\n',
    expected: [
      { name: 'Box.grow', startLine: 2, endLine: 4, parameters: ['self', 'by', '*rest', '**opts'], complexity: 2, maxNesting: 1, magic: [] },
    ],
  },
];

function shape(out: CodeMetricsOutput): Expected[] {
  return out.functions.map((f) => ({
    name: f.name,
    startLine: f.startLine,
    endLine: f.endLine,
    parameters: f.parameters,
    complexity: f.complexity,
    maxNesting: f.maxNesting,
    magic: f.magicNumbers.map((m) => m.value),
  }));
}

describe('code_metrics', () => {
  it.each(cases)('$name', async ({ path, code, expected }) => {
    const out = await measureFiles([{ path, content: code }]);
    expect(shape(out)).toEqual(expected);
    expect(out.files[0]?.syntaxErrors).toEqual([]);
    expect(out.summary.functions).toBe(expected.length);
    expect(out.summary.maxComplexity).toBe(Math.max(...expected.map((e) => e.complexity)));
  });

  it('reports syntax errors per file without failing, and skips unknown languages', async () => {
    const out = await measureFiles([
      { path: 'broken.ts', content: 'function ok() { return 1; }\nfunction bad( {\n' },
      { path: 'notes.md', content: '# hi' },
    ]);
    expect(out.files[0]?.syntaxErrors.length).toBeGreaterThan(0);
    expect(out.files[0]?.syntaxErrors[0]?.line).toBe(2);
    expect(out.files[1]).toMatchObject({ path: 'notes.md', language: null, skipped: 'unsupported language' });
    expect(out.functions.map((f) => f.name)).toContain('ok');
    expect(out.summary.syntaxErrors).toBe(out.files[0]?.syntaxErrors.length);
  });

  it('summarises long, deep and magic-number functions against the limits', async () => {
    const body = Array.from({ length: 60 }, (_, i) => `  x += ${i + 3};`).join('\n');
    const deep = 'function deep(a) {\n  if (a) { if (a) { if (a) { if (a) { if (a) { return 1; } } } } }\n}\n';
    const out = await measureFiles([{ path: 'long.js', content: `function long(x) {\n${body}\n  return x;\n}\n${deep}` }]);
    expect(out.summary).toMatchObject({
      files: 1,
      functions: 2,
      maxComplexity: 6,
      avgComplexity: 3.5,
      longFunctions: 1,
      deepNesting: 1,
      magicNumbers: 60,
    });
    expect(out.functions[0]?.lines).toBe(63);
  });

  it('runs as a workflow step over `files` or a single `code` snippet', async () => {
    const t = createTestEngine({ nodes: analysisNodes });
    const view = await t.run(
      workflow('m')
        .node('files', 'code_metrics', { files: '{{ input.files }}' })
        .node('snippet', 'code_metrics', { code: 'def f(a):\n    return a or 1\n', language: 'py' })
        .edge('files', 'snippet')
        .build(),
      { files: [{ path: 'x.tsx', content: 'export const App = () => <div>{ok ? 1 : 0}</div>;\n' }] } as Json,
    );
    expect(view.run.status).toBe('succeeded');
    expect(view.step('files').status).toBe('succeeded');
    const files = view.attempt('files').output as unknown as CodeMetricsOutput;
    expect(files.functions).toMatchObject([{ name: 'App', complexity: 2, file: 'x.tsx' }]);
    expect(view.run.output).toMatchObject({ functions: [{ name: 'f', complexity: 2, file: 'snippet' }] });
  });

  it('rejects `code` without a known language', async () => {
    const t = createTestEngine({ nodes: analysisNodes });
    await expect(t.run(workflow('m').node('m', 'code_metrics', { code: 'x', language: 'cobol' }).build(), null)).rejects.toThrow(
      /`code` needs `language`/,
    );
  });
});
