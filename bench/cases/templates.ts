// Templates: a fast-path read, a sandboxed expression, a mixed string; and one QuickJS code run.
import { createSandbox, createTemplateEngine, type ExpressionScope } from '@weft/engine';
import { fromSample, type BenchResult } from '../lib/result.ts';
import { measure } from '../lib/stats.ts';

const scope: ExpressionScope = {
  input: { topic: 'tides', name: 'Ada' },
  steps: { a: { output: { text: 'The moon pulls the sea.', items: [1, 2, 3, 4, 5] }, status: 'succeeded' } },
  state: {},
  env: {},
};

const TEMPLATES: Array<{ name: string; template: string }> = [
  { name: 'render fast path `{{ steps.a.output.text }}`', template: '{{ steps.a.output.text }}' },
  {
    name: 'render sandboxed `{{ steps.a.output.items.map(i => i * 2) }}`',
    template: '{{ steps.a.output.items.map(i => i * 2) }}',
  },
  {
    name: 'render mixed string (text + 2 fast paths)',
    template: 'Dear {{ input.name }}, about {{ input.topic }}: more soon.',
  },
  {
    name: 'render mixed string (text + fast path + sandboxed)',
    template: '{{ steps.a.output.text }} ({{ steps.a.output.items.length * 2 }} items)',
  },
];

export async function templateCases(section: string): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const templates = createTemplateEngine();
  try {
    for (const t of TEMPLATES) {
      const sample = await measure(() => templates.render(t.template, scope), { reps: 5 });
      results.push(fromSample(section, t.name, 'µs/render', sample));
    }
  } finally {
    await templates.close();
  }
  const sandbox = createSandbox();
  try {
    const sample = await measure(
      () => sandbox.runCode({ code: 'return input.items.map((i) => i * 2);', input: { items: [1, 2, 3] } }),
      {
        reps: 5,
        repMs: 150,
      },
    );
    results.push(fromSample(section, 'QuickJS code step: sandbox.runCode (fresh context)', 'µs/run', sample));
  } finally {
    await sandbox.close();
  }
  return results;
}
