import type { Draft, DraftEdge, DraftNode, XY } from './types.ts';

/** What a node id must look like (the engine's rule). */
export const NODE_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Horizontal and vertical steps between nodes placed by the editor. */
export const COLUMN = 280;
export const ROW = 130;
/** Height assumed for a node of unknown size (a single output). */
const DEFAULT_HEIGHT = 80;

/** A fresh id from a node type: `llm`, then `llm_2`, `llm_3`… never one in use. */
export function nextNodeId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let base = type.replace(/[^A-Za-z0-9_-]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** Why an id cannot be a node's new id, or undefined when it can. */
export function nodeIdProblem(id: string, draft: Draft, current?: string): string | undefined {
  if (!id) return 'An id is required.';
  if (!NODE_ID.test(id)) return 'Start with a letter or _, then letters, digits, _ or - only.';
  if (id !== current && draft.nodes.some((n) => n.id === id)) return `Another node is already called '${id}'.`;
  return undefined;
}

export function edgesOf(draft: Draft): DraftEdge[] {
  return draft.edges ?? [];
}

/**
 * A spot with no node on it: right of `near` (below its other successors), else right of everything.
 * `heights` are the drawn heights of nodes (taller ones have more ports); a new node is assumed short.
 */
export function freeSpot(draft: Draft, near?: string, heights: Readonly<Record<string, number>> = {}): XY {
  const placed = draft.nodes.flatMap((n) => (n.position ? [{ ...n.position, h: heights[n.id] ?? DEFAULT_HEIGHT }] : []));
  const anchor = near ? draft.nodes.find((n) => n.id === near)?.position : undefined;
  let spot: XY;
  if (anchor) spot = { x: anchor.x + COLUMN, y: anchor.y };
  else if (placed.length > 0) spot = { x: Math.max(...placed.map((p) => p.x)) + COLUMN, y: Math.min(...placed.map((p) => p.y)) };
  else spot = { x: 0, y: 0 };
  const gap = 24;
  const busy = (p: XY) =>
    placed.some((q) => Math.abs(q.x - p.x) < COLUMN * 0.8 && p.y < q.y + q.h + gap && q.y < p.y + DEFAULT_HEIGHT + gap);
  while (busy(spot)) spot = { x: spot.x, y: spot.y + ROW };
  return spot;
}

/** Adds a node of `type` (params from the type's example), optionally connected from another node. */
export function addNode(
  draft: Draft,
  options: { type: string; params?: Record<string, unknown>; position: XY; from?: { id: string; port?: string | undefined } },
): { draft: Draft; id: string } {
  const id = nextNodeId(options.type, draft.nodes.map((n) => n.id));
  const node: DraftNode = {
    id,
    type: options.type,
    params: structuredClone(options.params ?? {}),
    position: { x: Math.round(options.position.x), y: Math.round(options.position.y) },
  };
  let next: Draft = { ...draft, nodes: [...draft.nodes, node] };
  if (options.from && draft.nodes.some((n) => n.id === options.from?.id)) {
    next = connect(next, { from: options.from.id, to: id, ...(options.from.port ? { port: options.from.port } : {}) });
  }
  return { draft: next, id };
}

/** Adds an edge unless the same one exists. */
export function connect(draft: Draft, edge: DraftEdge): Draft {
  const edges = edgesOf(draft);
  if (edges.some((e) => e.from === edge.from && e.to === edge.to && e.port === edge.port)) return draft;
  return { ...draft, edges: [...edges, edge] };
}

/** Removes nodes and every edge that touches them. */
export function removeNodes(draft: Draft, ids: readonly string[]): Draft {
  if (ids.length === 0) return draft;
  const gone = new Set(ids);
  return {
    ...draft,
    nodes: draft.nodes.filter((n) => !gone.has(n.id)),
    edges: edgesOf(draft).filter((e) => !gone.has(e.from) && !gone.has(e.to)),
  };
}

/** Removes edges by their index in `edges`. */
export function removeEdges(draft: Draft, indexes: readonly number[]): Draft {
  if (indexes.length === 0) return draft;
  const gone = new Set(indexes);
  return { ...draft, edges: edgesOf(draft).filter((_, i) => !gone.has(i)) };
}

/** Replaces fields of one node. */
export function updateNode(draft: Draft, id: string, patch: Partial<DraftNode>): Draft {
  return { ...draft, nodes: draft.nodes.map((n) => (n.id === id ? dropUndefined({ ...n, ...patch }) : n)) };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Moves nodes (positions rounded: they are saved in the YAML). */
export function setPositions(draft: Draft, positions: Record<string, XY>): Draft {
  return {
    ...draft,
    nodes: draft.nodes.map((n) => {
      const p = positions[n.id];
      return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
    }),
  };
}

/**
 * Renames a node: its edges follow, and `steps.<old>` references in every node's params and in the
 * workflow's output are rewritten (`steps.old.output`, `steps['old']`).
 */
export function renameNode(draft: Draft, from: string, to: string): Draft {
  if (from === to) return draft;
  const escaped = from.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const pattern = new RegExp(`(steps\\.)${escaped}(?![A-Za-z0-9_-])|(steps\\[(['"]))${escaped}(\\3\\])`, 'g');
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.replace(pattern, (_m, dot: string | undefined, bracket: string | undefined, _q: string, close: string | undefined) =>
        dot ? `${dot}${to}` : `${bracket ?? ''}${to}${close ?? ''}`,
      );
    }
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    }
    return value;
  };
  const next: Draft = {
    ...draft,
    nodes: draft.nodes.map((n) => ({
      ...n,
      ...(n.id === from ? { id: to } : {}),
      ...(n.params ? { params: rewrite(n.params) as Record<string, unknown> } : {}),
    })),
    edges: edgesOf(draft).map((e) => ({ ...e, from: e.from === from ? to : e.from, to: e.to === from ? to : e.to })),
  };
  if (draft.output !== undefined) next.output = rewrite(draft.output);
  return next;
}
