import { layoutGraph } from '../../ui/graph-layout.ts';
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
  return layoutGraph(
    nodes.map((n) => ({ id: n.id, width: n.width ?? NODE_WIDTH, height: n.height ?? nodeHeight(1) })),
    edges,
    { direction: 'LR', nodesep: 40, ranksep: 70 },
  );
}
