import { describe, expect, it } from 'vitest';
import { buildFlowEdges, buildFlowNodes, mergeElements } from './flow-elements.ts';
import { portsResolver } from './ports.ts';
import { indexProblems, noProblems } from './problems.ts';
import type { Draft, NodeTypeInfo } from './types.ts';

const info = (type: string, outputs: string[]): NodeTypeInfo => ({
  type,
  version: 1,
  category: 'flow',
  title: type.toUpperCase(),
  description: '',
  paramsSchema: {},
  outputs,
  dynamicOutputs: false,
  errorPort: 'error',
  rawParams: [],
});
const types = new Map([
  ['if', info('if', ['true', 'false'])],
  ['llm', info('llm', ['out'])],
]);
const portsOf = portsResolver(types, {});
const draft: Draft = {
  name: 'x',
  nodes: [
    { id: 'check', type: 'if', params: {}, position: { x: 0, y: 0 } },
    { id: 'yes', type: 'llm', params: {} },
    { id: 'oops', type: 'llm', params: {} },
  ],
  edges: [
    { from: 'check', to: 'yes', port: 'true' },
    { from: 'check', to: 'oops', port: 'error' },
    { from: 'yes', to: 'oops' },
    { from: 'check', to: 'oops', port: 'maybe' },
  ],
};

describe('canvas elements', () => {
  it('gives each node its ports, problems and a position (laid out when it has none)', () => {
    const problems = indexProblems([{ path: 'nodes[1].params.prompt', message: 'Required' }], draft);
    const nodes = buildFlowNodes(draft, types, portsOf, problems, 'yes', {});
    expect(nodes.map((n) => [n.id, n.data.ports, n.data.problems.length, n.selected])).toEqual([
      ['check', ['true', 'false'], 0, false],
      ['yes', ['out'], 1, true],
      ['oops', ['out'], 0, false],
    ]);
    expect(nodes[0]?.position).toEqual({ x: 0, y: 0 });
    expect(nodes[1]?.position.x).toBeGreaterThan(0);
  });

  it('draws edges from their port handle, labelled, an unknown port from the first one', () => {
    const problems = indexProblems([{ path: 'edges[3].port', message: 'no port maybe' }], draft);
    const edges = buildFlowEdges(draft, portsOf, problems);
    expect(edges.map((e) => [e.sourceHandle, e.label, e.className, e.data?.index])).toEqual([
      ['true', 'true', '', 0],
      ['error', 'error', 'edge-error', 1],
      ['out', undefined, '', 2],
      ['true', 'maybe', 'edge-problem', 3],
    ]);
    expect(new Set(edges.map((e) => e.id)).size).toBe(4);
  });

  it('keeps measurements and unchanged objects across rebuilds', () => {
    const first = buildFlowNodes(draft, types, portsOf, noProblems, undefined, {}).map((n) => ({ ...n, measured: { width: 220, height: 80 } }));
    const again = mergeElements(first, buildFlowNodes(draft, types, portsOf, noProblems, undefined, {}), false);
    expect(again[0]).toBe(first[0]);
    const moved = mergeElements(first, buildFlowNodes({ ...draft, nodes: draft.nodes.map((n) => ({ ...n, position: { x: 5, y: 5 } })) }, types, portsOf, noProblems, undefined, {}), false);
    expect(moved[0]).not.toBe(first[0]);
    expect(moved[0]?.measured).toEqual({ width: 220, height: 80 });
  });
});
