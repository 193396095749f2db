import { describe, expect, it } from 'vitest';
import { workflow, type Json } from '@weft/engine';
import { testNodeTypes } from '@weft/engine/testing';
import { createTestEngine } from '../../testing/index.ts';

/** Two branches `a` and `b` from a start node, joined by a merge. */
function joinOf(mode: string | undefined, a: Json, b: Json) {
  return workflow('join')
    .node('start', 'transform', { value: 'go' })
    .node('a', 'transform', { value: a })
    .node('b', 'transform', { value: b })
    .node('join', 'merge', mode === undefined ? {} : { mode })
    .edge('start', 'a')
    .edge('start', 'b')
    .edge('a', 'join')
    .edge('b', 'join')
    .build();
}

describe('merge', () => {
  it.each<{ mode: string | undefined; a: Json; b: Json; output: Json }>([
    { mode: undefined, a: 1, b: { x: 2 }, output: { a: 1, b: { x: 2 } } },
    { mode: 'object', a: 'left', b: null, output: { a: 'left', b: null } },
    { mode: 'append', a: [1, 2], b: 3, output: [1, 2, 3] },
    { mode: 'append', a: 'x', b: ['y', ['z']], output: ['x', 'y', ['z']] },
    { mode: 'first', a: null, b: 'second', output: 'second' },
    { mode: 'first', a: 0, b: 'second', output: 0 },
    { mode: 'first', a: null, b: null, output: null },
  ])('mode $mode of $a and $b gives $output', async ({ mode, a, b, output }) => {
    const t = createTestEngine();
    const view = await t.run(joinOf(mode, a, b));
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toEqual(output);
  });

  it('waits for every live branch, however long, and runs once', async () => {
    const t = createTestEngine({ nodes: testNodeTypes });
    const view = await t.run(`
name: slow-and-fast
nodes:
  - { id: start, type: transform, params: { value: 0 } }
  - { id: slow1, type: test.sleep, params: { ms: 5000, value: s1 } }
  - { id: slow2, type: test.sleep, params: { ms: 5000, value: "{{ steps.slow1.output }}+s2" } }
  - { id: fast, type: transform, params: { value: f } }
  - { id: join, type: merge, params: { mode: object } }
edges:
  - { from: start, to: slow1 }
  - { from: slow1, to: slow2 }
  - { from: start, to: fast }
  - { from: slow2, to: join }
  - { from: fast, to: join }
`);
    expect(view.run.output).toEqual({ slow2: 's1+s2', fast: 'f' });
    expect(view.steps.filter((s) => s.nodeId === 'join')).toHaveLength(1);
    expect(view.step('join').attempts).toHaveLength(1);
    const order = view.eventsOf('step.succeeded').map((e) => e.stepId);
    expect(order.indexOf('join')).toBeGreaterThan(order.indexOf('slow2'));
    expect(t.clock.now() - view.run.createdAt).toBe(10_000);
  });

  it('is not held up by a skipped branch, nor by everything after it', async () => {
    const t = createTestEngine();
    const view = await t.run(
      workflow('half')
        .node('check', 'if', { condition: '{{ input.ok }}' })
        .node('yes', 'transform', { value: 'Y' })
        .node('no', 'transform', { value: 'N' })
        .node('noMore', 'transform', { value: '{{ steps.no.output }}!' })
        .node('join', 'merge', { mode: 'append' })
        .edge('check', 'yes', 'true')
        .edge('check', 'no', 'false')
        .edge('no', 'noMore')
        .edge('yes', 'join')
        .edge('noMore', 'join')
        .build(),
      { ok: true },
    );
    expect(view.statuses).toEqual({
      check: 'succeeded',
      yes: 'succeeded',
      no: 'skipped',
      noMore: 'skipped',
      join: 'succeeded',
    });
    expect(view.run.output).toEqual(['Y']);
  });

  it('is skipped itself when no branch into it was taken', async () => {
    const t = createTestEngine();
    const view = await t.run(
      workflow('none')
        .node('check', 'if', { condition: false })
        .node('a', 'transform', { value: 'A' })
        .node('b', 'transform', { value: 'B' })
        .node('join', 'merge', {})
        .node('other', 'transform', { value: 'O' })
        .edge('check', 'a', 'true')
        .edge('check', 'b', 'true')
        .edge('a', 'join')
        .edge('b', 'join')
        .edge('check', 'other', 'false')
        .build(),
    );
    expect(view.statuses).toMatchObject({ a: 'skipped', b: 'skipped', join: 'skipped', other: 'succeeded' });
    expect(view.run.output).toBe('O');
  });

  it('takes a failed branch routed down its error port like any other input', async () => {
    const t = createTestEngine({ nodes: testNodeTypes });
    const view = await t.run(
      workflow('errors')
        .node('start', 'transform', { value: 1 })
        .node('bad', 'test.fail', { retryable: false })
        .node('good', 'transform', { value: 'fine' })
        .node('handler', 'transform', { value: 'handled: {{ steps.bad.output.message }}' })
        .node('join', 'merge', { mode: 'append' })
        .edge('start', 'bad')
        .edge('start', 'good')
        .edge('bad', 'handler', 'error')
        .edge('handler', 'join')
        .edge('good', 'join')
        .build(),
    );
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toEqual(['handled: boom on attempt 1', 'fine']);
  });
});
