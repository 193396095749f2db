import { describe, expect, it } from 'vitest';
import { defineNode, workflow, type JsonObject } from '@weft/engine';
import { z } from 'zod';
import type { ScriptedReply } from '@weft/engine/testing';
import { createTestEngine } from '../../../testing/index.ts';
import { askStructured } from './structured-ask.ts';
import { json, usage } from './test-support.ts';

const schema: JsonObject = {
  type: 'object',
  properties: { n: { type: 'integer' } },
  required: ['n'],
  additionalProperties: false,
};

/** A node that asks for `{ n }` with an even-number check, so every path of the loop can be driven. */
const askNode = defineNode({
  type: 'test-ask',
  version: 1,
  category: 'test',
  title: 'Ask',
  description: 'Asks for an even number.',
  params: z.object({ retries: z.number().default(1), model: z.string().optional() }),
  async run(ctx) {
    const output = await askStructured(ctx, {
      model: ctx.params.model,
      system: 'Pick an even number.',
      prompt: 'Go',
      schema,
      temperature: 0,
      retries: ctx.params.retries,
      check: (value) => ((value as { n: number }).n % 2 === 0 ? undefined : 'n must be even'),
    });
    return { output };
  },
});

const run = (replies: ScriptedReply[], params: Record<string, unknown> = {}) => {
  const t = createTestEngine({ model: replies, nodes: [askNode] });
  return { t, done: t.run(workflow('ask').node('ask', 'test-ask', params).build()) };
};

describe('askStructured', () => {
  it('sends the system, prompt, schema and settings, and returns the parsed value', async () => {
    const { t, done } = run([{ text: 'Sure: ```json\n{"n": 4}\n```' }], { model: 'openai:gpt-4o-mini' });
    const view = await done;
    expect(view.run.output).toEqual({ n: 4 });
    expect(t.model?.requests).toEqual([
      {
        model: 'openai:gpt-4o-mini',
        system: 'Pick an even number.',
        messages: [{ role: 'user', content: 'Go' }],
        temperature: 0,
        responseFormat: { type: 'json', schema },
        idempotencyKey: `${view.run.id}:ask:0`,
      },
    ]);
    expect(view.attempt('ask').model).toBe('openai:gpt-4o-mini');
    expect(view.eventsOf('llm.token', 'ask').length).toBeGreaterThan(0);
  });

  it.each([
    { name: 'an answer that is not JSON', first: 'four', problem: 'not valid JSON' },
    { name: 'an answer that misses the schema', first: '{"n": "four"}', problem: 'did not match the required JSON Schema' },
    { name: 'an answer that fails the check', first: '{"n": 3}', problem: 'n must be even' },
  ])('sends back $name with the problem, and sums usage over the tries', async ({ first, problem }) => {
    const { t, done } = run([{ text: first, usage: usage(10, 2, 0.001) }, json({ n: 8 }, usage(20, 3, 0.002))]);
    const view = await done;
    expect(view.run.output).toEqual({ n: 8 });
    const second = t.model?.requests[1];
    expect(second?.messages.slice(1)).toEqual([
      { role: 'assistant', content: first },
      { role: 'user', content: expect.stringContaining(problem) },
    ]);
    expect(second?.idempotencyKey).toBe(`${view.run.id}:ask:1`);
    expect(view.attempt('ask').usage).toMatchObject({ inputTokens: 30, outputTokens: 5, totalTokens: 35 });
    expect(view.attempt('ask').usage?.costUsd).toBeCloseTo(0.003, 10);
    expect(view.eventsOf('log', 'ask')[0]?.data).toMatchObject({ level: 'warn', message: expect.stringContaining(problem) });
  });

  it('fails without a step retry once the tries are used up', async () => {
    const { t, done } = run([{ text: '{"n": 1}' }, { text: '{"n": 3}' }], { retries: 1 });
    const view = await done;
    expect(view.run.status).toBe('failed');
    expect(view.attempt('ask').error).toMatchObject({
      code: 'NON_RETRYABLE',
      message: expect.stringMatching(/not usable after 2 tries: n must be even/),
    });
    expect(t.model?.remaining).toBe(0);
  });
});
