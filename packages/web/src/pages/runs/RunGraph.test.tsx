import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { foldEvents, initialLiveState } from './liveState.ts';
import { RunGraph } from './RunGraph.tsx';
import { nodeRuns, stepViews, type DefinitionNode } from './runModel.ts';
import { runGraphPositions } from './runLayout.ts';

beforeAll(() => {
  // What React Flow needs from a browser and jsdom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  (globalThis as { DOMMatrixReadOnly?: unknown }).DOMMatrixReadOnly ??= class {
    m22 = 1;
  };
});

const nodes: DefinitionNode[] = [
  { id: 'draft', type: 'llm', params: {} },
  { id: 'each', type: 'map', params: {} },
  { id: 'publish', type: 'transform', params: {} },
];
const edges = [
  { from: 'draft', to: 'each' },
  { from: 'each', to: 'publish' },
];

describe('RunGraph', () => {
  it('marks each node with the status of its latest step, with item counts, and selects on click', () => {
    const live = foldEvents(initialLiveState, [
      { runId: 'r', seq: 1, type: 'step.started', at: 1, stepId: 'draft', data: { nodeId: 'draft' } },
      { runId: 'r', seq: 2, type: 'step.succeeded', at: 2, stepId: 'draft', data: { nodeId: 'draft' } },
      { runId: 'r', seq: 3, type: 'step.started', at: 3, stepId: 'each', data: { nodeId: 'each' } },
      { runId: 'r', seq: 4, type: 'step.started', at: 4, stepId: 'each[0]', data: { nodeId: 'each', index: 0 } },
      { runId: 'r', seq: 5, type: 'step.started', at: 5, stepId: 'each[1]', data: { nodeId: 'each', index: 1 } },
      { runId: 'r', seq: 6, type: 'step.succeeded', at: 6, stepId: 'each[0]', data: { nodeId: 'each' } },
    ]);
    const runs = nodeRuns(
      nodes.map((n) => n.id),
      stepViews([], live, 0),
    );
    const onSelect = vi.fn();
    render(
      <div style={{ width: 800, height: 400 }}>
        <RunGraph nodes={nodes} edges={edges} runs={runs} selectedNodeId={undefined} onSelect={onSelect} />
      </div>,
    );
    expect(screen.getByTestId('run-node-draft').dataset['status']).toBe('succeeded');
    expect(screen.getByTestId('run-node-each').dataset['status']).toBe('running');
    expect(screen.getByTestId('run-node-each').textContent).toContain('1/2 items');
    expect(screen.getByTestId('run-node-publish').dataset['status']).toBe('pending');
    // React Flow keeps nodes hidden until it has measured them, which jsdom never does.
    const button = within(screen.getByTestId('run-node-each')).getByRole('button', { hidden: true });
    // Its accessible name is what it shows (node, type, status, counts), not a label that could drift.
    expect(button.hasAttribute('aria-label')).toBe(false);
    expect(button.textContent).toMatch(/each.*map.*running.*1\/2 items/);
    fireEvent.click(button);
    expect(onSelect).toHaveBeenCalledWith('each');
  });
});

describe('runGraphPositions', () => {
  it('keeps saved positions and lays out the rest left to right', () => {
    expect(runGraphPositions([{ id: 'a', position: { x: 5, y: 6 } }], [])).toEqual({ a: { x: 5, y: 6 } });
    const laid = runGraphPositions([{ id: 'a' }, { id: 'b' }, { id: 'c', position: { x: 1, y: 1 } }], [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }]);
    expect(laid['a']!.x).toBeLessThan(laid['b']!.x);
    expect(laid['b']!.x).toBeLessThan(laid['c']!.x);
  });
});
