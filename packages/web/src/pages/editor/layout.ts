import dagre from '@dagrejs/dagre';
import type { XY } from './types.ts';

/** Size of a canvas node, as the layout assumes it (the CSS keeps nodes this wide). */
export const NODE_WIDTH = 220;

/** Height of a node with this many output ports (one row per port when labelled). */
export function nodeHeight(ports: number): number {
  return 64 + (ports > 1 ? ports * 18 : 0) + 14;
}

/** Top-left positions for every node, laid out left → right along the edges (dagre). */
export function autoLayout(
  nodes: ReadonlyArray<{ id: string; width?: number | undefined; height?: number | undefined }>,
  edges: ReadonlyArray<{ from: string; to: string }>,
): Record<string, XY> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 70, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) graph.setNode(n.id, { width: n.width ?? NODE_WIDTH, height: n.height ?? nodeHeight(1) });
  edges.forEach((e, i) => {
    if (ids.has(e.from) && ids.has(e.to) && e.from !== e.to) graph.setEdge(e.from, e.to, {}, String(i));
  });
  dagre.layout(graph);
  const positions: Record<string, XY> = {};
  for (const n of nodes) {
    const placed = graph.node(n.id) as { x: number; y: number; width: number; height: number };
    positions[n.id] = { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) };
  }
  return positions;
}
