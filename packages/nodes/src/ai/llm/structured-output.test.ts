import { describe, expect, it } from 'vitest';
import { workflow, type Json, type ModelMessage, type WorkflowInput } from '@weft/engine';
import { createTestEngine } from '../../testing/index.ts';
import { structuredOutputChecker } from './structured-output.ts';

const schema = {
  type: 'object',
  properties: {
    label: { type: 'string', enum: ['bug', 'praise', 'question'] },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
  },
  required: ['label', 'confidence'],
};

function classify(params: Record<string, unknown> = {}, retry?: { maxAttempts: number }): WorkflowInput {
  return {
    name: 'classify',
    nodes: [
      {
        id: 'classify',
        type: 'llm',
        params: { prompt: 'Classify: {{ input }}', schema, ...params },
        ...(retry ? { retry } : {}),
      },
      { id: 'route', type: 'transform', params: { value: '{{ steps.classify.output.label }}' } },
    ],
    edges: [{ from: 'classify', to: 'route' }],
  };
}

const answer = { label: 'bug', confidence: 0.9 };

describe('llm: structured output', () => {
  it.each<{ name: string; text: string }>([
    { name: 'plain JSON', text: JSON.stringify(answer) },
    {
      name: 'JSON inside a ```json fence',
      text: `Here you go:\n\`\`\`json\n${JSON.stringify(answer, null, 2)}\n\`\`\`\nAnything else?`,
    },
    { name: 'JSON inside a bare ``` fence', text: `\`\`\`\n${JSON.stringify(answer)}\n\`\`\`` },
    { name: 'JSON after a preamble', text: `Sure! ${JSON.stringify(answer)}` },
    { name: 'JSON between prose', text: `Sure! ${JSON.stringify(answer)} Let me know if you need more.` },
    { name: 'JSON after a bracketed preamble', text: `[result] as {requested}: ${JSON.stringify(answer)}` },
  ])('parses $name into an object output', async ({ text }) => {
    const t = createTestEngine({ model: [{ text }] });
    const view = await t.run(classify(), 'the app crashes');
    expect(view.run.status).toBe('succeeded');
    expect(view.attempt('classify').output).toEqual(answer);
    expect(view.run.output).toBe('bug');
    expect(t.model?.requests[0]?.responseFormat).toEqual({ type: 'json', schema });
    expect(view.eventsOf('log', 'classify')).toEqual([]);
  });

  it('asks again with the validation error, logging each failed try, and sums usage over the tries', async () => {
    const t = createTestEngine({
      model: [
        {
          text: '{"label": "feature", "confidence": 0.5}',
          usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
        },
        { text: 'not json at all', usage: { inputTokens: 30, outputTokens: 4, totalTokens: 34 } },
        { text: JSON.stringify(answer), usage: { inputTokens: 50, outputTokens: 6, totalTokens: 56 } },
      ],
    });
    const view = await t.run(classify({ schemaRetries: 2 }), 'the app crashes');
    expect(view.run.status).toBe('succeeded');
    expect(view.attempt('classify').output).toEqual(answer);
    expect(view.attempt('classify').usage).toEqual({ inputTokens: 90, outputTokens: 15, totalTokens: 105 });

    const requests = t.model?.requests ?? [];
    expect(requests).toHaveLength(3);
    const followUp = requests[1]?.messages ?? [];
    expect(followUp.slice(0, 2)).toEqual<ModelMessage[]>([
      { role: 'user', content: 'Classify: the app crashes' },
      { role: 'assistant', content: '{"label": "feature", "confidence": 0.5}' },
    ]);
    expect(followUp[2]).toMatchObject({
      role: 'user',
      content: expect.stringContaining('did not match the required JSON Schema: label:'),
    });
    expect(requests[2]?.messages.at(-1)?.content).toMatch(/not valid JSON/);
    expect(requests.map((r) => r.idempotencyKey)).toEqual(
      [0, 1, 2].map((i) => `${view.run.id}:classify:${i}`),
    );

    const logs = view.eventsOf('log', 'classify').map((e) => e.data as Record<string, Json>);
    expect(logs).toEqual([
      {
        level: 'warn',
        message: expect.stringMatching(/^Answer did not match the schema \(try 1 of 3\): label:/),
        answer: '{"label": "feature", "confidence": 0.5}',
      },
      {
        level: 'warn',
        message: expect.stringMatching(
          /^Answer did not match the schema \(try 2 of 3\): the answer is not valid JSON/,
        ),
        answer: 'not json at all',
      },
    ]);
  });

  it('after schemaRetries re-asks fails the step non-retryably with a clear message', async () => {
    const bad = { text: '{"label": "bug", "confidence": 7}' };
    const t = createTestEngine({ model: [bad, bad] });
    const view = await t.run(classify({ schemaRetries: 1 }, { maxAttempts: 3 }), 'x');
    expect(view.run.status).toBe('failed');
    // Non-retryable: the node's retry policy does not run it again.
    expect(view.step('classify').attempts).toHaveLength(1);
    expect(view.attempt('classify').error).toEqual({
      code: 'NON_RETRYABLE',
      retryable: false,
      message: expect.stringMatching(
        /^The model's answer did not match the schema after 2 tries: confidence: /,
      ),
    });
    expect(view.eventsOf('log', 'classify')).toHaveLength(2);
    expect(t.model?.remaining).toBe(0);
    expect(view.statuses).toEqual({ classify: 'failed' });
  });

  it('with schemaRetries 0 tries once', async () => {
    const t = createTestEngine({ model: [{ text: '[]' }] });
    const view = await t.run(classify({ schemaRetries: 0 }), 'x');
    expect(view.run.status).toBe('failed');
    expect(t.model?.requests).toHaveLength(1);
    expect(view.attempt('classify').error?.message).toMatch(/after 1 tries: \(root\): /);
  });

  it.each([
    { schema: { type: 'nonsense' }, message: /not a usable JSON Schema: Unsupported type: nonsense/ },
    { schema: { $ref: '#/nope' }, message: /not a usable JSON Schema: Reference not found/ },
    {
      schema: { type: 'string', pattern: '(' },
      message: /not a usable JSON Schema: Invalid regular expression/,
    },
  ])(
    'rejects an unusable schema $schema at validation, before any model call',
    async ({ schema: bad, message }) => {
      const t = createTestEngine({ model: [] });
      const error = await t.run(classify({ schema: bad })).then(
        () => undefined,
        (e: unknown) => e as { problems?: unknown },
      );
      expect(error?.problems).toEqual([
        { path: 'nodes[0].params.schema', message: expect.stringMatching(message) },
      ]);
    },
  );

  it('fails non-retryably, before any model call, when a templated schema renders unusable', async () => {
    const t = createTestEngine({ model: [] });
    const view = await t.run(classify({ schema: '{{ input }}' }, { maxAttempts: 3 }), { type: 'nonsense' });
    expect(view.run.status).toBe('failed');
    expect(view.step('classify').attempts).toHaveLength(1);
    expect(view.attempt('classify').error).toMatchObject({
      code: 'INVALID_PARAMS',
      retryable: false,
      message: expect.stringContaining('params.schema: not a usable JSON Schema'),
    });
  });

  it('without a schema the output is the text, even when it looks like JSON', async () => {
    const t = createTestEngine({ model: [{ text: '{"a": 1}' }] });
    const view = await t.run(workflow('text').node('ask', 'llm', { prompt: 'x' }).build());
    expect(view.run.output).toBe('{"a": 1}');
    expect(t.model?.requests[0]?.responseFormat).toBeUndefined();
  });
});

describe('structuredOutputChecker', () => {
  const check = structuredOutputChecker({
    type: 'object',
    properties: { note: { type: 'string' } },
    required: ['note'],
  });

  it.each<{ text: string; result: ReturnType<typeof check> }>([
    {
      text: 'Done: {"note": "a } and a ] inside"} (see above)',
      result: { ok: true, value: { note: 'a } and a ] inside' } },
    },
    {
      text: '{"note": "escaped \\" quote }"} trailing',
      result: { ok: true, value: { note: 'escaped " quote }' } },
    },
    {
      text: '```json\n{"note": "fenced"}\n``` and {"note": "later"}',
      result: { ok: true, value: { note: 'fenced' } },
    },
    {
      text: '```python\nprint(1)\n```\n{"note": "after a code fence"}',
      result: { ok: true, value: { note: 'after a code fence' } },
    },
    {
      text: '{"note": "unterminated',
      result: { ok: false, error: expect.stringMatching(/^the answer is not valid JSON/) },
    },
    {
      text: 'no json here',
      result: { ok: false, error: expect.stringMatching(/^the answer is not valid JSON/) },
    },
    { text: '{"note": 5}', result: { ok: false, error: expect.stringMatching(/^note: /) } },
  ])('$text', ({ text, result }) => {
    expect(check(text)).toEqual(result);
  });
});
