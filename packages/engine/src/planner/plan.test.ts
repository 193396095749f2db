import { describe, expect, it } from 'vitest';
import { compileGraph } from '../graph/compile.ts';
import { workflowSchema } from '../workflow/schema.ts';
import { createPlanState, planSettled, planStart, stepIdFor, type PlanAction } from './plan.ts';

type Route = string[] | ((iteration: number) => string[]);

/** Runs the planner to the end, settling started nodes first-in first-out with the given routes. */
function simulate(
  nodes: { id: string; maxIterations?: number }[],
  edges: { from: string; to: string; port?: string }[],
  routes: Partial<Record<string, Route>> = {},
) {
  const workflow = workflowSchema.parse({
    name: 't',
    nodes: nodes.map((n) => ({ ...n, type: 'x' })),
    edges,
  });
  const graph = compileGraph(workflow, () => 'out');
  const state = createPlanState(graph);
  const started: string[] = [];
  const skipped: string[] = [];
  const notes: string[] = [];
  const queue: PlanAction[] = planStart(state);
  while (queue.length > 0) {
    const action = queue.shift() as PlanAction;
    if (action.kind === 'skip') skipped.push(stepIdFor(action.nodeId, action.iteration));
    if (action.kind === 'loop-limit') notes.push(`limit:${action.nodeId}`);
    if (action.kind !== 'start') continue;
    started.push(stepIdFor(action.nodeId, action.iteration));
    const route = routes[action.nodeId] ?? ['out'];
    const ports = typeof route === 'function' ? route(action.iteration) : route;
    queue.push(...planSettled(state, { nodeId: action.nodeId, ports }));
  }
  return { started, skipped, notes };
}

const n = (...ids: string[]) => ids.map((id) => ({ id }));

describe('planner', () => {
  it.each([
    {
      name: 'sequential chain',
      nodes: n('a', 'b', 'c'),
      edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }],
      routes: {},
      started: ['a', 'b', 'c'],
      skipped: [],
    },
    {
      name: 'fan-out then join waits for every branch',
      nodes: n('a', 'b', 'c', 'j'),
      edges: [
        { from: 'a', to: 'b' },
        { from: 'a', to: 'c' },
        { from: 'b', to: 'j' },
        { from: 'c', to: 'j' },
      ],
      routes: {},
      started: ['a', 'b', 'c', 'j'],
      skipped: [],
    },
    {
      name: 'if: branch not taken is skipped, join still runs',
      nodes: n('check', 'yes', 'no', 'after', 'join'),
      edges: [
        { from: 'check', to: 'yes', port: 'true' },
        { from: 'check', to: 'no', port: 'false' },
        { from: 'no', to: 'after' },
        { from: 'yes', to: 'join' },
        { from: 'after', to: 'join' },
      ],
      routes: { check: ['true'] },
      started: ['check', 'yes', 'join'],
      skipped: ['no', 'after'],
    },
    {
      name: 'dead path elimination is transitive and stops at a live join',
      nodes: n('s', 'a', 'b', 'c', 'd'),
      edges: [
        { from: 's', to: 'a', port: 'x' },
        { from: 's', to: 'b', port: 'y' },
        { from: 'a', to: 'c' },
        { from: 'c', to: 'd' },
        { from: 'b', to: 'd' },
      ],
      routes: { s: ['y'] },
      started: ['s', 'b', 'd'],
      skipped: ['a', 'c'],
    },
    {
      name: 'every inbound path dead: skipped',
      nodes: n('s', 'a', 'b'),
      edges: [
        { from: 's', to: 'a', port: 'x' },
        { from: 'a', to: 'b' },
      ],
      routes: { s: ['none'] },
      started: ['s'],
      skipped: ['a', 'b'],
    },
    {
      name: 'several sources run in parallel',
      nodes: n('a', 'b', 'm'),
      edges: [
        { from: 'a', to: 'm' },
        { from: 'b', to: 'm' },
      ],
      routes: {},
      started: ['a', 'b', 'm'],
      skipped: [],
    },
  ])('$name', ({ nodes, edges, routes, started, skipped }) => {
    const result = simulate(nodes, edges, routes);
    expect(result.started).toEqual(started);
    expect(result.skipped.sort()).toEqual([...skipped].sort());
  });

  describe('loops', () => {
    const loopNodes = [{ id: 'start' }, { id: 'draft', maxIterations: 5 }, { id: 'review' }, { id: 'check' }, { id: 'publish' }];
    const loopEdges = [
      { from: 'start', to: 'draft' },
      { from: 'draft', to: 'review' },
      { from: 'review', to: 'check' },
      { from: 'check', to: 'draft', port: 'false' },
      { from: 'check', to: 'publish', port: 'true' },
    ];

    it('repeats the body as new iterations until the condition exits', () => {
      const result = simulate(loopNodes, loopEdges, { check: (i) => (i < 3 ? ['false'] : ['true']) });
      expect(result.started).toEqual([
        'start',
        'draft',
        'review',
        'check',
        'draft#2',
        'review#2',
        'check#2',
        'draft#3',
        'review#3',
        'check#3',
        'publish',
      ]);
      expect(result.skipped).toEqual([]);
    });

    it('leaves the loop through the exit route when maxIterations is reached', () => {
      const result = simulate(loopNodes, loopEdges, { check: ['false'] });
      expect(result.started.filter((s) => s.startsWith('draft'))).toHaveLength(5);
      expect(result.started.at(-1)).toBe('publish');
      expect(result.notes).toEqual(['limit:draft']);
    });

    it('a self loop counts its iterations', () => {
      const result = simulate([{ id: 'poll', maxIterations: 3 }, { id: 'done' }], [
        { from: 'poll', to: 'poll', port: 'again' },
        { from: 'poll', to: 'done', port: 'out' },
      ], { poll: (i) => (i < 2 ? ['again'] : ['out']) });
      expect(result.started).toEqual(['poll', 'poll#2', 'done']);
    });

    it('nested loops: the inner loop starts counting afresh on each outer iteration', () => {
      const result = simulate(
        [{ id: 'outer', maxIterations: 2 }, { id: 'inner', maxIterations: 2 }, { id: 'innerCheck' }, { id: 'outerCheck' }, { id: 'end' }],
        [
          { from: 'outer', to: 'inner' },
          { from: 'inner', to: 'innerCheck' },
          { from: 'innerCheck', to: 'inner', port: 'again' },
          { from: 'innerCheck', to: 'outerCheck', port: 'done' },
          { from: 'outerCheck', to: 'outer', port: 'again' },
          { from: 'outerCheck', to: 'end', port: 'done' },
        ],
        { innerCheck: ['again'], outerCheck: ['again'] },
      );
      expect(result.started.filter((s) => s.startsWith('inner') && !s.startsWith('innerCheck'))).toHaveLength(4);
      expect(result.started.filter((s) => s.startsWith('outer') && !s.startsWith('outerCheck'))).toHaveLength(2);
      expect(result.started.at(-1)).toBe('end');
    });
  });
});
