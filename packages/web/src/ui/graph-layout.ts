import dagre from '@dagrejs/dagre';

export interface XY {
  x: number;
  y: number;
}

export interface LayoutOptions {
  /** `LR`: left → right; `TB`: top → bottom. */
  direction: 'LR' | 'TB';
  /** Gap between nodes of one rank, and between ranks. */
  nodesep: number;
  ranksep: number;
}

/**
 * Top-left positions for every node, laid out along the edges (dagre). Edges to unknown nodes and
 * self-loops are ignored; parallel edges are kept apart.
 */
export function layoutGraph(
  nodes: ReadonlyArray<{ id: string; width: number; height: number }>,
  edges: ReadonlyArray<{ from: string; to: string }>,
  options: LayoutOptions,
): Record<string, XY> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: options.direction, nodesep: options.nodesep, ranksep: options.ranksep, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) graph.setNode(n.id, { width: n.width, height: n.height });
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
