import { describe, expect, it } from 'vitest';
import { validateWorkflow, workflow, type Json } from '@weft/engine';
import { createTestEngine } from '../../testing/index.ts';

describe('transform', () => {
  it.each<{ name: string; value: unknown; input: Json; output: Json }>([
    { name: 'a single expression keeps its type', value: '{{ input.n + 1 }}', input: { n: 41 }, output: 42 },
    {
      name: 'mixed text interpolates',
      value: 'Hello {{ input.name }}!',
      input: { name: 'Ada' },
      output: 'Hello Ada!',
    },
    {
      name: 'objects and arrays are rendered deeply',
      value: { title: '{{ input.t }}', count: '{{ input.xs.length }}', tags: ['{{ input.xs[0] }}', 'fixed'] },
      input: { t: 'Tides', xs: ['moon', 'sun', 'earth'] },
      output: { title: 'Tides', count: 3, tags: ['moon', 'fixed'] },
    },
    {
      name: 'literals pass through untouched',
      value: [1, 'two', null, { ok: true }],
      input: null,
      output: [1, 'two', null, { ok: true }],
    },
    { name: 'a missing path renders as null', value: '{{ input.missing.deeper }}', input: {}, output: null },
    {
      name: 'templates inside input are data, never evaluated',
      value: '{{ input }}',
      input: '{{ 6 * 7 }}',
      output: '{{ 6 * 7 }}',
    },
  ])('$name', async ({ value, input, output }) => {
    const t = createTestEngine();
    const view = await t.run(workflow('t').node('shape', 'transform', { value }).build(), input);
    expect(view.run.status).toBe('succeeded');
    expect(view.step('shape').attempts).toHaveLength(1);
    expect(view.run.output).toEqual(output);
  });

  it('reads earlier steps, and its rendered params are the attempt input', async () => {
    const t = createTestEngine();
    const view = await t.run(
      `
name: chain
nodes:
  - { id: first, type: transform, params: { value: { words: "{{ input.split(' ') }}" } } }
  - { id: second, type: transform, params: { value: "{{ steps.first.output.words.length }} words, first {{ steps.first.output.words[0] }}" } }
edges:
  - { from: first, to: second }
`,
      'durable execution engine',
    );
    expect(view.run.output).toBe('3 words, first durable');
    expect(view.attempt('second').input).toEqual({ value: '3 words, first durable' });
    expect(view.eventsOf('step.succeeded').map((e) => e.stepId)).toEqual(['first', 'second']);
  });

  it('fails the step without retrying when an expression throws', async () => {
    const t = createTestEngine();
    const view = await t.run(
      {
        name: 'bad',
        nodes: [
          {
            id: 'shape',
            type: 'transform',
            params: { value: '{{ input.missing.deeper.toUpperCase() }}' },
            retry: { maxAttempts: 3 },
          },
        ],
      },
      {},
    );
    expect(view.run.status).toBe('failed');
    expect(view.step('shape').attempts).toHaveLength(1);
    expect(view.attempt('shape').error).toMatchObject({ code: 'EXPRESSION_ERROR', retryable: false });
    expect(view.run.error?.message).toMatch(/Step 'shape' failed: .*missing/);
  });

  it('is rejected at validation when it has no value, with a path and a plain message', () => {
    const t = createTestEngine();
    const result = validateWorkflow(
      { name: 'v', nodes: [{ id: 'shape', type: 'transform', params: {} }] },
      t.registry,
    );
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'nodes[0].params.value', message: expect.stringMatching(/^required: /) }],
    });
  });
});
