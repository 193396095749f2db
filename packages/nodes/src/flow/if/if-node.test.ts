import { describe, expect, it } from 'vitest';
import { validateWorkflow, workflow, type Json } from '@weft/engine';
import { createTestEngine } from '../../testing/index.ts';

/** score → check (if) → yes | no; yes → yesAfter; `no` has a follower of its own. */
const branching = `
name: branching
nodes:
  - { id: score, type: transform, params: { value: { score: "{{ input.score }}" } } }
  - { id: check, type: if, params: { condition: "{{ steps.score.output.score >= 8 }}" } }
  - { id: yes, type: transform, params: { value: "publish {{ steps.check.output.score }}" } }
  - { id: yesAfter, type: transform, params: { value: "{{ steps.yes.output }}!" } }
  - { id: no, type: transform, params: { value: "revise {{ steps.check.output.score }}" } }
  - { id: noAfter, type: transform, params: { value: "{{ steps.no.output }}?" } }
edges:
  - { from: score, to: check }
  - { from: check, to: yes, port: "true" }
  - { from: yes, to: yesAfter }
  - { from: check, to: no, port: "false" }
  - { from: no, to: noAfter }
`;

describe('if', () => {
  it.each([
    {
      score: 9,
      port: 'true',
      output: 'publish 9!',
      statuses: {
        score: 'succeeded',
        check: 'succeeded',
        yes: 'succeeded',
        yesAfter: 'succeeded',
        no: 'skipped',
        noAfter: 'skipped',
      },
    },
    {
      score: 3,
      port: 'false',
      output: 'revise 3?',
      statuses: {
        score: 'succeeded',
        check: 'succeeded',
        yes: 'skipped',
        yesAfter: 'skipped',
        no: 'succeeded',
        noAfter: 'succeeded',
      },
    },
  ])(
    'score $score takes the $port port and skips the other branch transitively',
    async ({ score, port, output, statuses }) => {
      const t = createTestEngine();
      const view = await t.run(branching, { score });
      expect(view.run.status).toBe('succeeded');
      expect(view.statuses).toEqual(statuses);
      expect(view.step('check').ports).toEqual([port]);
      expect(view.step('check').attempts[0]?.output).toEqual({ score });
      expect(view.run.output).toBe(output);
      expect(
        view
          .eventsOf('step.skipped')
          .map((e) => e.stepId)
          .sort(),
      ).toEqual(
        Object.entries(statuses)
          .filter(([, s]) => s === 'skipped')
          .map(([id]) => id)
          .sort(),
      );
    },
  );

  it.each<{ condition: Json; port: string }>([
    { condition: true, port: 'true' },
    { condition: false, port: 'false' },
    { condition: 0, port: 'false' },
    { condition: '', port: 'false' },
    { condition: null, port: 'false' },
    { condition: 'yes', port: 'true' },
    { condition: [], port: 'true' },
    { condition: '{{ input.items.length > 0 }}', port: 'false' },
    { condition: '{{ input.items.includes("b") || input.flag }}', port: 'true' },
  ])('condition $condition takes $port (JavaScript truthiness)', async ({ condition, port }) => {
    const t = createTestEngine();
    const view = await t.run(
      workflow('truthy')
        .node('check', 'if', { condition })
        .node('onTrue', 'transform', { value: 'T' })
        .node('onFalse', 'transform', { value: 'F' })
        .edge('check', 'onTrue', 'true')
        .edge('check', 'onFalse', 'false')
        .build(),
      { items: [], flag: 1 },
    );
    expect(view.step('check').ports).toEqual([port]);
    expect(view.run.output).toBe(port === 'true' ? 'T' : 'F');
  });

  it('passes its input through: null with no predecessor, all inputs by id when it joins several', async () => {
    const t = createTestEngine();
    const alone = await t.run(workflow('alone').node('check', 'if', { condition: true }).build());
    expect(alone.run.output).toBeNull();

    const joined = await t.run(
      workflow('joined')
        .node('a', 'transform', { value: 1 })
        .node('b', 'transform', { value: 2 })
        .node('check', 'if', { condition: '{{ steps.a.output < steps.b.output }}' })
        .node('after', 'transform', { value: '{{ steps.check.output }}' })
        .edge('a', 'check')
        .edge('b', 'check')
        .edge('check', 'after', 'true')
        .build(),
    );
    expect(joined.run.output).toEqual({ a: 1, b: 2 });
  });

  it('rejects at validation an edge that names no port, or a port it does not have', () => {
    const t = createTestEngine();
    const result = validateWorkflow(
      {
        name: 'ports',
        nodes: [
          { id: 'check', type: 'if', params: { condition: true } },
          { id: 'x', type: 'transform', params: { value: 1 } },
          { id: 'y', type: 'transform', params: { value: 2 } },
        ],
        edges: [
          { from: 'check', to: 'x' },
          { from: 'check', to: 'y', port: 'maybe' },
        ],
      },
      t.registry,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: 'edges[0]',
        message: expect.stringContaining("several output ports (true, false): name one with 'port'"),
      },
      {
        path: 'edges[1].port',
        message: expect.stringContaining("has no output port 'maybe'; its ports are true, false, error"),
      },
    ]);
  });
});
