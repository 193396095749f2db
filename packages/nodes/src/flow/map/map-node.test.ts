import { setTimeout as delay } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, workflow, type Json, type NodeType } from '@weft/engine';
import { testNodeCalls, testNodeTypes } from '@weft/engine/testing';
import { createTestEngine } from '../../testing/index.ts';

beforeEach(() => testNodeCalls.clear());

/**
 * Counts how many items run at once. Items wait until `limit` run together (or 2 s, if the engine
 * never lets that many run), so the peak does not depend on timing; then item `i` takes (40 - 4i)
 * ms, so later items finish first.
 */
function concurrencyProbe(limit: number) {
  const seen = { running: 0, peak: 0 };
  let open = () => {};
  const full = new Promise<void>((resolve) => (open = resolve));
  const node = defineNode({
    type: 'probe',
    version: 1,
    category: 'test',
    title: 'Probe',
    description: 'Waits a little, counting concurrent runs.',
    params: z.object({ index: z.number(), value: z.unknown() }),
    async run(ctx) {
      seen.running++;
      seen.peak = Math.max(seen.peak, seen.running);
      if (seen.running >= limit) open();
      try {
        const fallback = new AbortController();
        await Promise.race([full, delay(2000, undefined, { signal: fallback.signal }).catch(() => {})]);
        fallback.abort();
        await delay(40 - ctx.params.index * 4, undefined, { signal: ctx.signal });
      } finally {
        seen.running--;
      }
      return { output: (ctx.params.value ?? null) as Json };
    },
  });
  return { seen, node: node as NodeType };
}

const pluck = { type: 'transform', params: { value: '{{ item.x.y.toFixed(0) }}' } };

describe('map', () => {
  it('runs the node once per item from an expression, each item its own step with item and index', async () => {
    const t = createTestEngine();
    const view = await t.run(
      `
name: topics
nodes:
  - id: each
    type: map
    params:
      items: "{{ input.topics }}"
      node: { type: transform, params: { value: "{{ index }}: {{ item.toUpperCase() }}" } }
  - { id: after, type: transform, params: { value: "{{ steps.each.output.join(' | ') }}" } }
edges:
  - { from: each, to: after }
`,
      { topics: ['tides', 'moons', 'orbits'] },
    );
    expect(view.run.status).toBe('succeeded');
    expect(view.attempt('each').output).toEqual(['0: TIDES', '1: MOONS', '2: ORBITS']);
    expect(view.run.output).toBe('0: TIDES | 1: MOONS | 2: ORBITS');
    const items = view.steps.filter((s) => s.parentStepId === 'each');
    expect(items.map((s) => [s.stepId, s.index, s.nodeId, s.status])).toEqual([
      ['each[0]', 0, 'each', 'succeeded'],
      ['each[1]', 1, 'each', 'succeeded'],
      ['each[2]', 2, 'each', 'succeeded'],
    ]);
    expect(view.attempt('each[1]').input).toEqual({ value: '1: MOONS' });
    // The per-item node stays a template on the map's own attempt.
    expect(view.attempt('each').input).toMatchObject({
      node: { params: { value: '{{ index }}: {{ item.toUpperCase() }}' } },
    });
  });

  it('outputs an empty list for no items', async () => {
    const t = createTestEngine();
    const view = await t.run(
      workflow('empty').node('each', 'map', { items: '{{ input }}', node: pluck }).build(),
      [],
    );
    expect(view.run.output).toEqual([]);
    expect(view.steps.map((s) => s.stepId)).toEqual(['each']);
  });

  it.each([1, 2, 4])(
    'keeps at most %i items running at once, outputs still in order',
    async (concurrency) => {
      const probe = concurrencyProbe(concurrency);
      const t = createTestEngine({ nodes: [probe.node] });
      const view = await t.run(
        workflow('limit')
          .node('each', 'map', {
            items: '{{ input }}',
            concurrency,
            // Later items finish first: the output must follow the items, not completion order.
            node: { type: 'probe', params: { index: '{{ index }}', value: '{{ item }}' } },
          })
          .build(),
        [1, 2, 3, 4, 5, 6, 7],
      );
      expect(view.run.output).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(probe.seen.peak).toBe(concurrency);
    },
  );

  it('fails the step when an item fails, after the other items ran', async () => {
    const t = createTestEngine();
    const view = await t.run(
      workflow('fail')
        .node('each', 'map', { items: '{{ input }}', node: pluck })
        .node('after', 'transform', { value: 1 })
        .edge('each', 'after')
        .build(),
      [{ x: { y: 1 } }, { x: null }, { x: { y: 3 } }],
    );
    expect(view.run.status).toBe('failed');
    expect(view.statuses).toEqual({
      each: 'failed',
      'each[0]': 'succeeded',
      'each[1]': 'failed',
      'each[2]': 'succeeded',
    });
    expect(view.attempt('each').error).toMatchObject({
      code: 'NODE_FAILED',
      retryable: false,
      message: expect.stringMatching(/^Item 1 failed: /),
    });
    expect(view.attempt('each[1]').error?.code).toBe('EXPRESSION_ERROR');
    expect(view.steps.find((s) => s.stepId === 'after')).toBeUndefined();
  });

  it('with continueOnError collects failed items as { error } and succeeds', async () => {
    const t = createTestEngine();
    const view = await t.run(
      workflow('lenient')
        .node('each', 'map', { items: '{{ input }}', node: pluck, continueOnError: true })
        .build(),
      [{ x: { y: 1 } }, { x: null }, { x: { y: 3 } }],
    );
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toEqual([
      '1',
      { error: { code: 'EXPRESSION_ERROR', message: expect.any(String) } },
      '3',
    ]);
    expect(view.statuses['each[1]']).toBe('failed');
  });

  it('retries an item by its own retry policy before giving up on it', async () => {
    const t = createTestEngine({ nodes: testNodeTypes });
    const view = await t.run(
      workflow('item-retry')
        .node('each', 'map', {
          items: ['a', 'b'],
          node: {
            type: 'test.fail',
            params: { times: "{{ item === 'b' ? 2 : 0 }}", value: '{{ item }}' },
            retry: { maxAttempts: 3, initialDelayMs: 10 },
          },
        })
        .build(),
    );
    expect(view.run.output).toEqual(['a', 'b']);
    expect(view.step('each[1]').attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'succeeded']);
    expect(view.eventsOf('step.retrying', 'each[1]')).toHaveLength(2);
  });

  it('engine.retryStep on a failed map re-runs only the failed items', async () => {
    const t = createTestEngine({ nodes: testNodeTypes });
    const failed = await t.run(
      workflow('manual')
        .node('each', 'map', {
          items: ['a', 'b', 'c', 'd'],
          concurrency: 2,
          node: {
            type: 'test.fail',
            params: { times: "{{ item === 'b' || item === 'd' ? 1 : 0 }}", value: '{{ item }}!' },
          },
        })
        .node('after', 'transform', { value: "{{ steps.each.output.join('') }}" })
        .edge('each', 'after')
        .build(),
    );
    expect(failed.run.status).toBe('failed');
    expect(Object.fromEntries(testNodeCalls)).toEqual({
      'each[0]': 1,
      'each[1]': 1,
      'each[2]': 1,
      'each[3]': 1,
    });

    await t.engine.retryStep(failed.run.id, 'each');
    const view = await t.inspect(failed.run.id);
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toBe('a!b!c!d!');
    expect(Object.fromEntries(testNodeCalls)).toEqual({
      'each[0]': 1,
      'each[1]': 2,
      'each[2]': 1,
      'each[3]': 2,
    });
    expect(view.step('each[1]').attempts.map((a) => a.status)).toEqual(['failed', 'succeeded']);
    expect(view.step('each[0]').attempts).toHaveLength(1);
    expect(view.step('each').attempts.map((a) => a.status)).toEqual(['failed', 'succeeded']);
  });

  it('fails with a clear message when items is not a list', async () => {
    const t = createTestEngine();
    const view = await t.run(
      workflow('not-list').node('each', 'map', { items: '{{ input }}', node: pluck }).build(),
      { a: 1 },
    );
    expect(view.run.status).toBe('failed');
    expect(view.attempt('each').error).toMatchObject({
      code: 'INVALID_PARAMS',
      message: expect.stringContaining('params.items'),
    });
  });
});
