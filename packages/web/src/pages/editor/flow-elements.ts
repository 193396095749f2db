import type { Edge, Node } from '@xyflow/react';
import { autoLayout, nodeHeight } from './layout.ts';
import { edgeSourcePort, ERROR_PORT, type PortsOf } from './ports.ts';
import type { ProblemIndex } from './problems.ts';
import type { Draft, DraftNode, NodeTestResult, NodeTypeInfo, Problem, XY } from './types.ts';

/** What a canvas node shows: the workflow node, its type, its ports and what is wrong with it. */
export interface StepNodeData extends Record<string, unknown> {
  node: DraftNode;
  info: NodeTypeInfo | undefined;
  ports: string[];
  problems: Problem[];
  test: NodeTestResult['status'] | undefined;
}
export type StepFlowNode = Node<StepNodeData, 'step'>;
export type StepFlowEdge = Edge<{ index: number }>;

/**
 * Where nodes without a saved `position` are drawn (YAML written by hand, templates): laid out
 * together so they do not pile up at 0,0.
 */
export function fallbackPositions(draft: Draft, portsOf: PortsOf): Record<string, XY> {
  if (draft.nodes.every((n) => n.position)) return {};
  const laid = autoLayout(
    draft.nodes.map((n) => ({ id: n.id, height: nodeHeight(portsOf(n).length) })),
    draft.edges ?? [],
  );
  return laid;
}

export function buildFlowNodes(
  draft: Draft,
  types: ReadonlyMap<string, NodeTypeInfo>,
  portsOf: PortsOf,
  problems: ProblemIndex,
  selectedId: string | undefined,
  tests: Readonly<Record<string, NodeTestResult>>,
): StepFlowNode[] {
  const fallback = fallbackPositions(draft, portsOf);
  return draft.nodes.map((node) => {
    const info = types.get(node.type);
    return {
      id: node.id,
      type: 'step',
      position: node.position ?? fallback[node.id] ?? { x: 0, y: 0 },
      selected: node.id === selectedId,
      data: {
        node,
        info,
        ports: portsOf(node),
        problems: problems.byNode.get(node.id) ?? [],
        test: tests[node.id]?.status,
      },
    };
  });
}

/** Edges with their port as the source handle (an unknown port is drawn from the first one and flagged). */
export function buildFlowEdges(draft: Draft, portsOf: PortsOf, problems: ProblemIndex): StepFlowEdge[] {
  const byId = new Map(draft.nodes.map((n) => [n.id, n]));
  const seen = new Map<string, number>();
  return (draft.edges ?? []).map((edge, index) => {
    const source = byId.get(edge.from);
    const ports = source ? portsOf(source) : [];
    const port = edgeSourcePort(edge, ports);
    const handle = port === ERROR_PORT || ports.includes(port) ? port : ports[0];
    const base = `${edge.from}:${edge.port ?? ''}>${edge.to}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const bad = problems.byEdge.has(index);
    return {
      id: n === 1 ? base : `${base}#${n}`,
      source: edge.from,
      target: edge.to,
      sourceHandle: handle ?? null,
      targetHandle: 'in',
      data: { index },
      ...(edge.port ? { label: edge.port } : {}),
      className: [bad ? 'edge-problem' : '', edge.port === ERROR_PORT ? 'edge-error' : ''].join(' ').trim(),
      ariaLabel: `Edge from ${edge.from}${edge.port ? ` (${edge.port})` : ''} to ${edge.to}${bad ? ', has problems' : ''}`,
    };
  });
}

/**
 * Carries what React Flow measured and selected over to freshly built elements, and keeps the old
 * object when nothing changed, so React Flow does not re-measure every node on every edit.
 */
export function mergeElements<T extends { id: string; measured?: unknown; selected?: boolean }>(
  previous: readonly T[],
  next: readonly T[],
  keepSelection: boolean,
): T[] {
  const old = new Map(previous.map((e) => [e.id, e]));
  return next.map((element) => {
    const before = old.get(element.id);
    if (!before) return element;
    const merged = {
      ...element,
      ...(before.measured ? { measured: before.measured } : {}),
      ...(keepSelection ? { selected: before.selected ?? false } : {}),
    };
    return shallowSame(before, merged) ? before : merged;
  });
}

function shallowSame(a: object, b: object): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x === y) return true;
    if (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null) {
      return JSON.stringify(x) === JSON.stringify(y);
    }
    return false;
  });
}
