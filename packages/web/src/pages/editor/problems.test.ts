import { describe, expect, it } from 'vitest';
import { indexProblems, problemCount } from './problems.ts';
import type { Draft } from './types.ts';

const draft: Draft = {
  name: 'x',
  nodes: [
    { id: 'a', type: 'http', params: {} },
    { id: 'b', type: 'switch', params: {} },
  ],
  edges: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'ghost', port: 'nope' },
    { from: 'ghost', to: 'a' },
  ],
};

describe('problem paths', () => {
  it('puts each problem on the node it concerns', () => {
    const index = indexProblems(
      [
        { path: 'nodes[0].params.url', message: 'Required' },
        { path: 'nodes[0].params.url', message: 'must be a URL' },
        { path: 'nodes[1].params.cases[0].port', message: 'Too small' },
        { path: 'nodes[1].type', message: 'unknown node type' },
        { path: 'edges[1].to', message: "no node with id 'ghost'" },
        { path: 'edges[1].port', message: 'no port nope' },
        { path: 'edges[2].from', message: "no node with id 'ghost'" },
        { path: 'name', message: 'Required' },
        { path: 'nodes[7].id', message: 'out of range' },
      ],
      draft,
    );
    expect(index.paramsByNode.get('a')).toEqual({ url: 'Required; must be a URL' });
    expect(index.paramsByNode.get('b')).toEqual({ 'cases[0].port': 'Too small' });
    expect(index.byNode.get('a')?.map((p) => p.path)).toEqual(['nodes[0].params.url', 'nodes[0].params.url', 'edges[2].from']);
    expect(index.byNode.get('b')?.map((p) => p.path)).toEqual(['nodes[1].params.cases[0].port', 'nodes[1].type', 'edges[1].to', 'edges[1].port']);
    expect([...index.byEdge.keys()]).toEqual([1, 2]);
    expect(index.workflow.map((p) => p.path)).toEqual(['name', 'nodes[7].id']);
    expect(index.all).toHaveLength(9);
  });

  it('counts problems in words', () => {
    expect(problemCount(1)).toBe('1 problem');
    expect(problemCount(3)).toBe('3 problems');
  });
});
