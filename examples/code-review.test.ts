import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '@weft/cli';
import type { RunEvent, RunRecord, StepRecord } from '@weft/engine';
import { lastUserText, startLoopbackProvider, type LoopbackProvider, type LoopbackRequest } from '@weft/testing';

const here = import.meta.dirname;
const fixtures = join(here, 'fixtures', 'code-review');
let provider: LoopbackProvider;
let home: string;
/** Prompts the scripted model received, in order. */
const prompts: string[] = [];

function reply(request: LoopbackRequest) {
  const prompt = lastUserText(request);
  prompts.push(prompt);
  if (prompt.startsWith('Suggest concrete improvements')) {
    const round = prompts.filter((p) => p.startsWith('Suggest concrete improvements')).length;
    return { text: `ROUND ${round}: split priceOrder into priceItem, applyDiscount and shippingCost; name TAX_RATE = 1.07.` };
  }
  if (prompt.startsWith('Score these suggestions')) {
    const round = prompts.filter((p) => p.startsWith('Score these suggestions')).length;
    return {
      text: JSON.stringify(
        round === 1 ? { score: 5, reasons: ['shipping costs are still magic numbers'] } : { score: 9, reasons: ['every issue addressed'] },
      ),
    };
  }
  return { error: { status: 400, message: `unexpected prompt: ${prompt.slice(0, 80)}` } };
}

beforeAll(async () => {
  provider = await startLoopbackProvider({ provider: 'openai', reply });
  home = await mkdtemp(join(tmpdir(), 'weft-code-review-'));
});

afterAll(async () => {
  await provider.close();
  await rm(home, { recursive: true, force: true });
});

async function weft(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const env = { WEFT_HOME: home, WEFT_MODEL: 'openai:test', OPENAI_BASE_URL: provider.url, OPENAI_API_KEY: 'x' };
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const code = await main(argv, io, env);
  return { code, stdout, stderr };
}

interface Issue {
  file: string;
  function?: string;
  kind: string;
  value?: number;
}

describe('code-review template', () => {
  it('weft validate accepts it', async () => {
    const r = await weft(['validate', join(here, 'code-review.yaml')]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('measures the code, lists the issues and loops until the score reaches 8', async () => {
    const files = await Promise.all(
      ['pricing.js', 'stats.py'].map(async (name) => ({ path: name, content: await readFile(join(fixtures, name), 'utf8') })),
    );
    const result = await weft(['run', join(here, 'code-review.yaml'), '--input', JSON.stringify({ files }), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const runId = (JSON.parse(result.stdout.trim().split('\n')[0] ?? '{}') as RunEvent).runId;
    const shown = JSON.parse((await weft(['show', runId, '--json'])).stdout) as { run: RunRecord; steps: StepRecord[] };
    expect(shown.run.status).toBe('succeeded');
    const outputOf = (id: string): unknown => shown.steps.find((s) => s.stepId === id)?.attempts.at(-1)?.output;

    // The parser found the tangled function: for, if, &&, if, else if, ||, if, ?:, else if, 2 cases, ?:, while → 14.
    const metrics = outputOf('metrics') as { functions: { name: string; file: string; complexity: number }[] };
    expect(metrics.functions).toContainEqual(expect.objectContaining({ name: 'priceOrder', file: 'pricing.js', complexity: 14 }));
    expect(metrics.functions.map((f) => f.name)).toEqual(['priceOrder', 'formatPrice', 'mean', 'outliers']);

    const issues = outputOf('issues') as Issue[];
    expect(issues).toContainEqual(
      expect.objectContaining({ file: 'pricing.js', function: 'priceOrder', kind: 'complexity', value: 14 }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ function: 'priceOrder', kind: 'magic_numbers' }));
    expect(issues.filter((i) => i.file === 'stats.py')).toEqual([]);

    // Two rounds: score 5 sends it back to `suggest`, which sees the first round; score 9 ends it.
    const suggestPrompts = prompts.filter((p) => p.startsWith('Suggest concrete improvements'));
    expect(suggestPrompts).toHaveLength(2);
    expect(suggestPrompts[0]).toContain('priceOrder has cyclomatic complexity 14');
    expect(suggestPrompts[1]).toContain('ROUND 1:');
    expect(suggestPrompts[1]).toContain('score 5');
    expect(prompts.filter((p) => p.startsWith('Score these suggestions'))).toHaveLength(2);
    expect(shown.steps.filter((s) => s.nodeId === 'suggest' && s.status === 'succeeded')).toHaveLength(2);

    expect(shown.run.output).toMatchObject({
      score: 9,
      issues: expect.arrayContaining([expect.objectContaining({ kind: 'complexity', function: 'priceOrder' })]) as unknown,
      suggestions: expect.stringContaining('ROUND 2:') as unknown,
    });
  });
});
