import { layoutGraph, type XY } from '../../ui/graph-layout.ts';

/** Size of a node on the run graph (the CSS keeps nodes this wide). */
export const RUN_NODE_WIDTH = 200;
export const RUN_NODE_HEIGHT = 88;

/** Left → right on wide screens; top → bottom where the graph is narrow and tall. */
export type Direction = 'LR' | 'TB';

/** Whether every node has a saved position (then the graph keeps the editor's layout). */
export function hasSavedPositions(nodes: ReadonlyArray<{ position?: XY | undefined }>): boolean {
  return nodes.length > 0 && nodes.every((n) => n.position);
}

/**
 * Top-left positions of the nodes: the definition's own when every node has one (as the editor saved
 * them), else a layout along the edges (dagre), so nodes never overlap.
 */
export function runGraphPositions(
  nodes: ReadonlyArray<{ id: string; position?: XY | undefined }>,
  edges: ReadonlyArray<{ from: string; to: string }>,
  direction: Direction = 'LR',
): Record<string, XY> {
  if (hasSavedPositions(nodes)) return Object.fromEntries(nodes.map((n) => [n.id, n.position as XY]));
  return layoutGraph(
    nodes.map((n) => ({ id: n.id, width: RUN_NODE_WIDTH, height: RUN_NODE_HEIGHT })),
    edges,
    { direction, nodesep: 30, ranksep: direction === 'LR' ? 60 : 40 },
  );
}
