import { describe, expect, it } from 'vitest';
import { validateWorkflow, workflow, type Json } from '@weft/engine';
import { createTestEngine } from '../../testing/index.ts';

/** A switch over `input` routing to one transform per port; each branch outputs its port's name. */
function routing(params: Record<string, unknown>, ports: string[]) {
  const builder = workflow('route')
    .node('classify', 'transform', { value: '{{ input }}' })
    .node('route', 'switch', params);
  builder.edge('classify', 'route');
  for (const port of ports)
    builder.node(`on_${port}`, 'transform', { value: port }).edge('route', `on_${port}`, port);
  return builder.build();
}

const byLabel = {
  value: '{{ steps.classify.output.label }}',
  cases: [
    { port: 'bug', equals: 'bug' },
    { port: 'praise', equals: 'praise' },
  ],
};

describe('switch', () => {
  it.each<{ name: string; params: Record<string, unknown>; ports: string[]; input: Json; taken: string[] }>([
    {
      name: 'equals picks the matching case',
      params: byLabel,
      ports: ['bug', 'praise', 'default'],
      input: { label: 'praise' },
      taken: ['praise'],
    },
    {
      name: 'no match takes default',
      params: byLabel,
      ports: ['bug', 'praise', 'default'],
      input: { label: 'question' },
      taken: ['default'],
    },
    {
      name: 'equals compares deeply',
      params: {
        value: '{{ steps.classify.output }}',
        cases: [{ port: 'pair', equals: { xs: [1, 2], tag: 'p' } }],
      },
      ports: ['pair', 'default'],
      input: { tag: 'p', xs: [1, 2] },
      taken: ['pair'],
    },
    {
      name: 'deep equality tells arrays from objects and counts keys',
      params: {
        value: '{{ steps.classify.output }}',
        cases: [
          { port: 'arr', equals: { 0: 'a' } },
          { port: 'obj', equals: { a: 1 } },
        ],
      },
      ports: ['arr', 'obj', 'default'],
      input: ['a'],
      taken: ['default'],
    },
    {
      name: 'when tests each case in order, first match wins',
      params: {
        cases: [
          { port: 'huge', when: '{{ input.n > 1000 }}' },
          { port: 'big', when: '{{ input.n > 10 }}' },
          { port: 'any', when: true },
        ],
      },
      ports: ['huge', 'big', 'any', 'default'],
      input: { n: 50 },
      taken: ['big'],
    },
    {
      name: 'all: true fans out to every matching case',
      params: {
        all: true,
        cases: [
          { port: 'even', when: '{{ input.n % 2 === 0 }}' },
          { port: 'positive', when: '{{ input.n > 0 }}' },
          { port: 'big', when: '{{ input.n > 100 }}' },
        ],
      },
      ports: ['even', 'positive', 'big', 'default'],
      input: { n: 42 },
      taken: ['even', 'positive'],
    },
    {
      name: 'all: true takes a port named by two cases once',
      params: {
        all: true,
        cases: [
          { port: 'hit', equals: 1 },
          { port: 'hit', when: true },
        ],
        value: 1,
      },
      ports: ['hit', 'default'],
      input: null,
      taken: ['hit'],
    },
  ])('$name', async ({ params, ports, input, taken }) => {
    const t = createTestEngine();
    const view = await t.run(routing(params, ports), input);
    expect(view.run.status).toBe('succeeded');
    expect(view.step('route').ports).toEqual(taken);
    for (const port of ports) {
      expect(view.statuses[`on_${port}`]).toBe(taken.includes(port) ? 'succeeded' : 'skipped');
    }
    // The switch passes its one input through unchanged.
    expect(view.attempt('route').output).toEqual(input);
    const expected = taken.length === 1 ? taken[0] : Object.fromEntries(taken.map((p) => [`on_${p}`, p]));
    expect(view.run.output).toEqual(expected);
  });

  it('joins the fanned-out branches back with a merge', async () => {
    const t = createTestEngine();
    const view = await t.run(
      `
name: fan
nodes:
  - id: route
    type: switch
    params:
      all: true
      cases: [{ port: a, when: true }, { port: b, when: "{{ input > 1 }}" }, { port: c, when: false }]
  - { id: A, type: transform, params: { value: a } }
  - { id: B, type: transform, params: { value: b } }
  - { id: C, type: transform, params: { value: c } }
  - { id: join, type: merge, params: { mode: append } }
edges:
  - { from: route, to: A, port: a }
  - { from: route, to: B, port: b }
  - { from: route, to: C, port: c }
  - { from: A, to: join }
  - { from: B, to: join }
  - { from: C, to: join }
`,
      2,
    );
    expect(view.statuses).toEqual({
      route: 'succeeded',
      A: 'succeeded',
      B: 'succeeded',
      C: 'skipped',
      join: 'succeeded',
    });
    expect(view.run.output).toEqual(['a', 'b']);
  });

  it('rejects at validation an edge from a port that is not a case (or default)', () => {
    const t = createTestEngine();
    const result = validateWorkflow(
      {
        name: 'bad-port',
        nodes: [
          { id: 'route', type: 'switch', params: byLabel },
          { id: 'x', type: 'transform', params: { value: 1 } },
          { id: 'y', type: 'transform', params: { value: 2 } },
          { id: 'z', type: 'transform', params: { value: 3 } },
        ],
        edges: [
          { from: 'route', to: 'x', port: 'default' },
          { from: 'route', to: 'y', port: 'question' },
          { from: 'route', to: 'z' },
        ],
      },
      t.registry,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: 'edges[1].port',
        message:
          "node 'route' (switch) has no output port 'question'; its ports are bug, praise, default, error",
      },
      {
        path: 'edges[2]',
        message: expect.stringContaining("several output ports (bug, praise, default): name one with 'port'"),
      },
    ]);
  });

  it.each<{ name: string; params: Record<string, unknown>; path: string }>([
    { name: 'no cases', params: { value: 1, cases: [] }, path: 'nodes[0].params.cases' },
    {
      name: 'a case with neither equals nor when',
      params: { cases: [{ port: 'x' }] },
      path: 'nodes[0].params.cases[0]',
    },
    {
      name: 'a case without a port',
      params: { cases: [{ when: true }] },
      path: 'nodes[0].params.cases[0].port',
    },
  ])('rejects bad params at validation: $name', ({ params, path }) => {
    const t = createTestEngine();
    const result = validateWorkflow(
      { name: 'bad', nodes: [{ id: 'route', type: 'switch', params }] },
      t.registry,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain(path);
  });

  it('validation does not throw when cases hold junk entries', () => {
    const t = createTestEngine();
    const result = validateWorkflow(
      {
        name: 'junk',
        nodes: [
          { id: 'route', type: 'switch', params: { cases: [null, 7, { port: 'ok', when: true }] } },
          { id: 'x', type: 'transform', params: { value: 1 } },
        ],
        edges: [{ from: 'route', to: 'x', port: 'ok' }],
      },
      t.registry,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map((p) => p.path)).toEqual([
        'nodes[0].params.cases[0]',
        'nodes[0].params.cases[1]',
      ]);
  });
});
