import { describe, expect, it } from 'vitest';
import { addNode, connect, freeSpot, nextNodeId, nodeIdProblem, NODE_ID, removeEdges, removeNodes, renameNode, setPositions, updateNode } from './graph.ts';
import type { Draft } from './types.ts';

const chain: Draft = {
  name: 'chain',
  nodes: [
    { id: 'fetch', type: 'http', params: { url: 'https://example.com' }, position: { x: 0, y: 0 } },
    { id: 'sum', type: 'llm', params: { prompt: 'Sum up {{ steps.fetch.output }} and {{ steps["fetch"].output.title }}, not {{ steps.fetch-2 }}' }, position: { x: 280, y: 0 } },
  ],
  edges: [{ from: 'fetch', to: 'sum' }],
  output: '{{ steps.sum.output }}',
};

describe('node ids', () => {
  it('derives ids from the type, unique and valid', () => {
    expect(nextNodeId('llm', [])).toBe('llm');
    expect(nextNodeId('llm', ['llm'])).toBe('llm_2');
    expect(nextNodeId('llm', ['llm', 'llm_2'])).toBe('llm_3');
    expect(nextNodeId('split-out.x', [])).toBe('split-out_x');
    expect(nextNodeId('3d', [])).toMatch(NODE_ID);
  });

  it('checks a new id for format and uniqueness', () => {
    expect(nodeIdProblem('sum', chain, 'sum')).toBeUndefined();
    expect(nodeIdProblem('fetch', chain, 'sum')).toMatch(/already/);
    expect(nodeIdProblem('9lives', chain, 'sum')).toMatch(/Start with/);
    expect(nodeIdProblem('', chain, 'sum')).toMatch(/required/);
  });
});

describe('editing the graph', () => {
  it('adds a node with a copy of the example params, connected from another', () => {
    const example = { prompt: 'Hi' };
    const { draft, id } = addNode(chain, { type: 'llm', params: example, position: { x: 560.4, y: 0 }, from: { id: 'sum' } });
    expect(id).toBe('llm');
    expect(draft.nodes.at(-1)).toEqual({ id: 'llm', type: 'llm', params: { prompt: 'Hi' }, position: { x: 560, y: 0 } });
    expect(draft.nodes.at(-1)?.params).not.toBe(example);
    expect(draft.edges).toEqual([{ from: 'fetch', to: 'sum' }, { from: 'sum', to: 'llm' }]);
    expect(chain.nodes).toHaveLength(2);
  });

  it('connects with a port, and not twice', () => {
    const once = connect(chain, { from: 'sum', to: 'fetch', port: 'error' });
    expect(once.edges?.at(-1)).toEqual({ from: 'sum', to: 'fetch', port: 'error' });
    expect(connect(once, { from: 'sum', to: 'fetch', port: 'error' })).toBe(once);
  });

  it('removes a node with its edges, and edges by index', () => {
    expect(removeNodes(chain, ['fetch'])).toMatchObject({ nodes: [{ id: 'sum' }], edges: [] });
    expect(removeEdges(chain, [0]).edges).toEqual([]);
  });

  it('renames a node, its edges and its steps references', () => {
    const renamed = renameNode(chain, 'fetch', 'download');
    expect(renamed.nodes.map((n) => n.id)).toEqual(['download', 'sum']);
    expect(renamed.edges).toEqual([{ from: 'download', to: 'sum' }]);
    expect(renamed.nodes[1]?.params?.['prompt']).toBe(
      'Sum up {{ steps.download.output }} and {{ steps["download"].output.title }}, not {{ steps.fetch-2 }}',
    );
    expect(renameNode(chain, 'sum', 'total').output).toBe('{{ steps.total.output }}');
  });

  it('updates fields (undefined removes them) and positions', () => {
    const named = updateNode(chain, 'sum', { name: 'Summary', timeoutMs: 5000 });
    expect(named.nodes[1]).toMatchObject({ name: 'Summary', timeoutMs: 5000 });
    expect(updateNode(named, 'sum', { name: undefined }).nodes[1]).not.toHaveProperty('name');
    expect(setPositions(chain, { sum: { x: 1.6, y: 2.2 } }).nodes[1]?.position).toEqual({ x: 2, y: 2 });
  });

  it('finds a free spot right of a node, below what is there already', () => {
    expect(freeSpot({ name: 'x', nodes: [] })).toEqual({ x: 0, y: 0 });
    expect(freeSpot(chain, 'fetch')).toEqual({ x: 280, y: 130 });
    expect(freeSpot(chain, 'fetch', { sum: 150 })).toEqual({ x: 280, y: 260 });
    expect(freeSpot(chain)).toEqual({ x: 560, y: 0 });
  });
});
