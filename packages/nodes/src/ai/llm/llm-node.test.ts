import { describe, expect, it } from 'vitest';
import { ProviderError, workflow, type RunOptions, type Usage } from '@weft/engine';
import { createTestEngine } from '../../testing/index.ts';

const usage = (inputTokens: number, outputTokens: number, costUsd?: number): Usage => ({
  inputTokens,
  outputTokens,
  totalTokens: inputTokens + outputTokens,
  ...(costUsd === undefined ? {} : { costUsd }),
});

describe('llm: the request', () => {
  it('renders the prompt and system from input and earlier steps, and passes the sampling settings', async () => {
    const t = createTestEngine({ model: [{ text: 'Tides are caused by the moon.' }] });
    const view = await t.run(
      `
name: explain
nodes:
  - { id: topic, type: transform, params: { value: { name: "{{ input.topic }}", level: beginner } } }
  - id: explain
    type: llm
    params:
      prompt: "Explain {{ steps.topic.output.name }} to a {{ steps.topic.output.level }} in one sentence."
      system: "You are a {{ input.persona }}."
      model: openai:gpt-4o-mini
      temperature: 0
      maxTokens: 64
edges: [{ from: topic, to: explain }]
`,
      { topic: 'tides', persona: 'patient teacher' },
    );
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toBe('Tides are caused by the moon.');
    expect(t.model?.requests).toEqual([
      {
        model: 'openai:gpt-4o-mini',
        system: 'You are a patient teacher.',
        messages: [{ role: 'user', content: 'Explain tides to a beginner in one sentence.' }],
        temperature: 0,
        maxOutputTokens: 64,
        idempotencyKey: `${view.run.id}:explain:0`,
      },
    ]);
    expect(view.attempt('explain').input).toMatchObject({
      prompt: 'Explain tides to a beginner in one sentence.',
    });
  });

  it('leaves out what the node does not set', async () => {
    const t = createTestEngine({ model: [{ text: 'ok' }] });
    await t.run(workflow('plain').node('ask', 'llm', { prompt: 'Hi' }).build());
    expect(Object.keys(t.model?.requests[0] ?? {}).sort()).toEqual(['idempotencyKey', 'messages', 'model']);
  });
});

describe('llm: model resolution', () => {
  it.each<{ name: string; run?: string; node?: string; env?: string; defaults?: string; expected: string }>([
    {
      name: 'the run override beats everything',
      run: 'run:m',
      node: 'node:m',
      env: 'env:m',
      defaults: 'wf:m',
      expected: 'run:m',
    },
    {
      name: "the node's model beats env and defaults",
      node: 'node:m',
      env: 'env:m',
      defaults: 'wf:m',
      expected: 'node:m',
    },
    { name: 'WEFT_MODEL beats the workflow default', env: 'env:m', defaults: 'wf:m', expected: 'env:m' },
    { name: 'the workflow default beats the fallback', defaults: 'wf:m', expected: 'wf:m' },
    { name: 'the fallback comes last', expected: 'fallback:m' },
  ])('$name', async ({ run, node, env, defaults, expected }) => {
    const t = createTestEngine({
      model: [{ text: 'ok' }],
      engine: { env: env === undefined ? {} : { WEFT_MODEL: env }, fallbackModel: 'fallback:m' },
    });
    const definition = workflow('resolve', defaults === undefined ? {} : { defaults: { model: defaults } })
      .node('ask', 'llm', { prompt: 'Hi', ...(node === undefined ? {} : { model: node }) })
      .build();
    const options: RunOptions | undefined = run === undefined ? undefined : { model: run };
    const view = await t.run(definition, null, options);
    expect(t.model?.requests[0]?.model).toBe(expected);
    expect(view.attempt('ask').model).toBe(expected);
  });

  it('records the model the provider says answered', async () => {
    const t = createTestEngine({ model: [{ text: 'ok', model: 'openai:gpt-4o-mini-2024-07-18' }] });
    const view = await t.run(
      workflow('m').node('ask', 'llm', { prompt: 'Hi', model: 'openai:gpt-4o-mini' }).build(),
    );
    expect(view.attempt('ask').model).toBe('openai:gpt-4o-mini-2024-07-18');
  });
});

describe('llm: usage and streaming', () => {
  it('records usage per step and sums it into the run', async () => {
    const t = createTestEngine({
      model: [
        { text: 'one', usage: usage(100, 20, 0.001) },
        { text: 'two', usage: usage(50, 5, 0.0005) },
      ],
    });
    const view = await t.run(
      workflow('two')
        .node('first', 'llm', { prompt: 'a' })
        .node('second', 'llm', { prompt: '{{ steps.first.output }} b' })
        .chain('first', 'second')
        .build(),
    );
    expect(view.attempt('first').usage).toEqual(usage(100, 20, 0.001));
    expect(view.attempt('second').usage).toEqual(usage(50, 5, 0.0005));
    expect(view.run.usage).toMatchObject({ inputTokens: 150, outputTokens: 25, totalTokens: 175 });
    expect(view.run.usage.costUsd).toBeCloseTo(0.0015, 10);
    expect(view.eventsOf('step.succeeded', 'first')[0]?.data).toMatchObject({ usage: usage(100, 20, 0.001) });
    expect(view.eventsOf('run.succeeded')[0]?.data).toMatchObject({ usage: { totalTokens: 175 } });
  });

  it('streams tokens as coalesced llm.token events, persisted before the step succeeds', async () => {
    const text = 'Durable execution means a step result is committed before its successors start.';
    const t = createTestEngine({ model: [{ text }] });
    const view = await t.run(
      workflow('stream').node('ask', 'llm', { prompt: 'Define durable execution.' }).build(),
    );
    const tokens = view.eventsOf('llm.token', 'ask');
    expect(tokens.length).toBeGreaterThan(0);
    // The scripted model streams word by word; the engine coalesces deltas into fewer events.
    expect(tokens.length).toBeLessThan(text.split(' ').length);
    expect(tokens.map((e) => (e.data as { text: string }).text).join('')).toBe(text);
    const succeeded = view.eventsOf('step.succeeded', 'ask')[0];
    expect(tokens.every((e) => e.seq < (succeeded?.seq ?? 0))).toBe(true);
    // Sequence numbers stay gapless with live events mixed in.
    expect(view.events.map((e) => e.seq)).toEqual(view.events.map((_, i) => i + 1));
  });
});

describe('llm: failures', () => {
  it('retries a retryable provider error by the node retry policy', async () => {
    const t = createTestEngine({
      model: [
        () => {
          throw new ProviderError('rate limited', { status: 429, retryable: true });
        },
        { text: 'second time' },
      ],
    });
    const view = await t.run({
      name: 'flaky',
      nodes: [
        { id: 'ask', type: 'llm', params: { prompt: 'Hi' }, retry: { maxAttempts: 2, initialDelayMs: 500 } },
      ],
    });
    expect(view.run.output).toBe('second time');
    expect(view.step('ask').attempts.map((a) => [a.status, a.error?.code])).toEqual([
      ['failed', 'PROVIDER_ERROR'],
      ['succeeded', undefined],
    ]);
    expect(t.model?.requests.map((r) => r.idempotencyKey)).toEqual([
      `${view.run.id}:ask:0`,
      `${view.run.id}:ask:0`,
    ]);
  });

  it('fails with a clear message when no model provider is configured', async () => {
    const t = createTestEngine();
    const view = await t.run(workflow('none').node('ask', 'llm', { prompt: 'Hi' }).build());
    expect(view.run.status).toBe('failed');
    expect(view.attempt('ask').error).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      message: expect.stringContaining('No model provider'),
    });
  });

  it.each([
    { name: 'an empty prompt', params: { prompt: '' }, path: 'nodes[0].params.prompt' },
    {
      name: 'a temperature above 2',
      params: { prompt: 'x', temperature: 3 },
      path: 'nodes[0].params.temperature',
    },
    { name: 'maxTokens of 0', params: { prompt: 'x', maxTokens: 0 }, path: 'nodes[0].params.maxTokens' },
    {
      name: 'schemaRetries above 10',
      params: { prompt: 'x', schemaRetries: 11 },
      path: 'nodes[0].params.schemaRetries',
    },
  ])('rejects $name at validation', async ({ params, path }) => {
    const t = createTestEngine({ model: [] });
    const error = await t.run(workflow('bad').node('ask', 'llm', params).build()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { problems?: unknown }).problems).toEqual([{ path, message: expect.any(String) }]);
  });
});
