import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
  type OnNodeDrag,
} from '@xyflow/react';
import { useCallback, useEffect, useState, type DragEvent } from 'react';
import { NODE_TYPE_DRAG } from './palette-groups.ts';
import { categoryColor, StepNode } from './StepNode.tsx';
import { mergeElements, type StepFlowEdge, type StepFlowNode } from './flow-elements.ts';
import type { XY } from './types.ts';

const nodeTypes = { step: StepNode };

export interface FlowCanvasProps {
  nodes: StepFlowNode[];
  edges: StepFlowEdge[];
  /** Bumped to ask for a fitView once the new nodes are drawn (load, auto-layout, add). */
  fitRequest: number;
  colorMode: 'light' | 'dark';
  onSelect(id: string | undefined): void;
  onConnect(connection: Connection): void;
  onMove(positions: Record<string, XY>): void;
  onDelete(nodeIds: string[], edgeIndexes: number[]): void;
  /** A palette item dropped on the canvas, at this flow position. */
  onDropType(type: string, position: XY): void;
}

/**
 * The React Flow canvas. The draft is the truth: nodes and edges come in as props; React Flow's own
 * changes (measurements, selection, dragging) are kept locally until they mean an edit, which goes
 * out through the callbacks (drag end → onMove, Delete → onDelete, a new connection → onConnect).
 */
export function FlowCanvas(props: FlowCanvasProps) {
  const { screenToFlowPosition, fitView } = useReactFlow();
  const [nodes, setNodes] = useState<StepFlowNode[]>(props.nodes);
  const [edges, setEdges] = useState<StepFlowEdge[]>(props.edges);
  useEffect(() => setNodes((previous) => mergeElements(previous, props.nodes, false)), [props.nodes]);
  useEffect(() => setEdges((previous) => mergeElements(previous, props.edges, true)), [props.edges]);

  const { fitRequest } = props;
  useEffect(() => {
    if (fitRequest === 0) return;
    // After React Flow has measured the nodes the request is about.
    const timer = setTimeout(() => void fitView({ padding: 0.2, maxZoom: 1.2, duration: 200 }), 60);
    return () => clearTimeout(timer);
  }, [fitRequest, fitView]);

  const { onSelect } = props;
  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      let selected: string | undefined | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        if (change.selected) selected = change.id;
        else if (selected === null) selected = undefined;
      }
      if (selected !== null) onSelect(selected);
    },
    [onSelect],
  );
  const onEdgesChange = useCallback((changes: EdgeChange<StepFlowEdge>[]) => setEdges((current) => applyEdgeChanges(changes, current)), []);

  const { onMove, onDelete: onDeleteProp, onDropType } = props;
  const onNodeDragStop: OnNodeDrag<StepFlowNode> = useCallback(
    (_event, _node, dragged) => onMove(Object.fromEntries(dragged.map((n) => [n.id, n.position]))),
    [onMove],
  );
  const onDelete: OnDelete<StepFlowNode, StepFlowEdge> = useCallback(
    ({ nodes: gone, edges: goneEdges }) =>
      onDeleteProp(
        gone.map((n) => n.id),
        goneEdges.map((e) => e.data?.index).filter((i): i is number => i !== undefined),
      ),
    [onDeleteProp],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_TYPE_DRAG)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_TYPE_DRAG);
      if (!type) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // The pointer holds the node near its top-left corner, where the title is.
      onDropType(type, { x: at.x - 40, y: at.y - 20 });
    },
    [screenToFlowPosition, onDropType],
  );

  return (
    <ReactFlow<StepFlowNode, StepFlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={props.onConnect}
      onNodeDragStop={onNodeDragStop}
      onDelete={onDelete}
      onPaneClick={() => onSelect(undefined)}
      onDragOver={onDragOver}
      onDrop={onDrop}
      deleteKeyCode={['Delete', 'Backspace']}
      multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
      colorMode={props.colorMode}
      fitView
      fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
      minZoom={0.2}
      defaultEdgeOptions={{ interactionWidth: 16 }}
      aria-label="Workflow canvas"
    >
      <Background gap={20} />
      <MiniMap
        pannable
        zoomable
        ariaLabel="Minimap"
        nodeColor={(n) => categoryColor((n as StepFlowNode).data.info?.category)}
        className="hide-narrow"
      />
      <Controls aria-label="Zoom controls" />
    </ReactFlow>
  );
}
