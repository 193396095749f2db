import { Background, Controls, Handle, Position, ReactFlow, useNodesState, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import type { LiveStepStatus } from './liveState.ts';
import { hasSavedPositions, runGraphPositions, type Direction } from './runLayout.ts';
import type { DefinitionEdge, DefinitionNode, NodeRun } from './runModel.ts';

type RunNodeData = {
  node: DefinitionNode;
  status: LiveStepStatus;
  counts: string | undefined;
  selected: boolean;
  direction: Direction;
  onSelect: (nodeId: string) => void;
};
type RunFlowNode = Node<RunNodeData, 'run'>;

/** "iteration 3", "2/3 items · 1 failed": what a loop or map node has done so far. */
export function progressText(run: NodeRun | undefined): string | undefined {
  if (!run) return undefined;
  const parts: string[] = [];
  if (run.steps.length > 1) parts.push(`iteration ${run.steps.at(-1)?.iteration ?? run.steps.length}`);
  if (run.items.length > 0) {
    const done = run.items.filter((i) => i.status === 'succeeded').length;
    const failed = run.items.filter((i) => i.status === 'failed').length;
    parts.push(`${done}/${run.items.length} items${failed ? ` · ${failed} failed` : ''}`);
  }
  return parts.length ? parts.join(' · ') : undefined;
}

function RunNodeCard({ id, data }: NodeProps<RunFlowNode>) {
  const { node, status, counts, selected, direction, onSelect } = data;
  const title = node.name ?? node.id;
  return (
    <div className={`run-node status-${status}${selected ? ' selected' : ''}`} data-testid={`run-node-${id}`} data-status={status}>
      <Handle type="target" position={direction === 'LR' ? Position.Left : Position.Top} isConnectable={false} />
      <button
        type="button"
        className="run-node-button nodrag"
        aria-pressed={selected}
        onClick={() => onSelect(id)}
      >
        <span className="run-node-title">{title}</span>
        <span className="run-node-type">{node.type}</span>
        <span className="run-node-status">
          <StatusBadge status={status} />
          {counts && <span className="run-node-counts">{counts}</span>}
        </span>
      </button>
      <Handle type="source" position={direction === 'LR' ? Position.Right : Position.Bottom} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { run: RunNodeCard };

function sameData(a: RunNodeData, b: RunNodeData): boolean {
  return (
    a.node === b.node &&
    a.status === b.status &&
    a.counts === b.counts &&
    a.selected === b.selected &&
    a.direction === b.direction &&
    a.onSelect === b.onSelect
  );
}

const NARROW = '(max-width: 600px)';

/** Whether the screen is phone-narrow, where a top → bottom graph reads better than a wide one. */
function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(NARROW).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia(NARROW);
    const onChange = () => setNarrow(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return narrow;
}

/** The run's workflow as a read-only graph, each node coloured (with icon and text) by its latest step's status. */
export function RunGraph({
  nodes,
  edges,
  runs,
  selectedNodeId,
  onSelect,
}: {
  nodes: readonly DefinitionNode[];
  edges: readonly DefinitionEdge[];
  runs: ReadonlyMap<string, NodeRun>;
  selectedNodeId: string | undefined;
  onSelect: (nodeId: string) => void;
}) {
  const narrow = useNarrow();
  const direction: Direction = narrow && !hasSavedPositions(nodes) ? 'TB' : 'LR';
  const positions = useMemo(() => runGraphPositions(nodes, edges, direction), [nodes, edges, direction]);
  // Nodes live in React Flow's state so they keep their measured size: a node object without one is
  // hidden until measured again, which would make nodes blink on every status change.
  const [flowNodes, setFlowNodes, onNodesChange] = useNodesState<RunFlowNode>([]);
  useEffect(() => {
    setFlowNodes((previous) => {
      const byId = new Map(previous.map((n) => [n.id, n]));
      return nodes.map((node) => {
        const run = runs.get(node.id);
        const data: RunNodeData = { node, status: run?.status ?? 'pending', counts: progressText(run), selected: node.id === selectedNodeId, direction, onSelect };
        const position = positions[node.id] ?? { x: 0, y: 0 };
        const old = byId.get(node.id);
        if (old && sameData(old.data, data) && old.position.x === position.x && old.position.y === position.y) return old;
        return { ...old, id: node.id, type: 'run', position, data };
      });
    });
  }, [nodes, positions, runs, selectedNodeId, direction, onSelect, setFlowNodes]);
  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((edge, i) => {
        const status = runs.get(edge.from)?.status;
        const flowEdge: Edge = {
          id: `${edge.from}->${edge.to}:${edge.port ?? ''}:${i}`,
          source: edge.from,
          target: edge.to,
          animated: status === 'running',
          className: `run-edge from-${status ?? 'pending'}`,
        };
        if (edge.port) flowEdge.label = edge.port;
        return flowEdge;
      }),
    [edges, runs],
  );
  return (
    <div className="run-graph" role="group" aria-label="Workflow graph">
      <ReactFlow
        key={direction}
        nodes={flowNodes}
        edges={flowEdges}
        onNodesChange={onNodesChange}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
        minZoom={0.2}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        // Without a click handler React Flow makes read-only nodes transparent to the pointer.
        onNodeClick={(_, node) => node.data.onSelect(node.id)}
      >
        <Background gap={16} size={1} />
        {!narrow && <Controls showInteractive={false} />}
      </ReactFlow>
    </div>
  );
}
