import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from '../workflow/schema.ts';

/** An edge of the compiled graph. `back` edges close a loop into a node with `maxIterations`. */
export interface GraphEdge {
  index: number;
  from: string;
  to: string;
  /** Port of the source this edge leaves from (the source's default port when the edge names none). */
  port: string;
  back: boolean;
}

/** A loop: a head with `maxIterations` and the nodes on cycles through it. */
export interface Loop {
  head: string;
  maxIterations: number;
  /** Head included. */
  body: Set<string>;
}

/** The workflow as the planner walks it: adjacency, back edges, loops, order. */
export interface CompiledGraph {
  nodes: Map<string, WorkflowNode>;
  edges: GraphEdge[];
  /** Forward (non-back) edges into each node. */
  incoming: Map<string, GraphEdge[]>;
  /** All edges out of each node, back edges included. */
  outgoing: Map<string, GraphEdge[]>;
  /** Loop-closing edges into each loop head. */
  backIncoming: Map<string, GraphEdge[]>;
  /** Nodes with no forward edge in: they start the run. */
  sources: string[];
  /** Nodes with no forward edge out: their outputs make the run's output. */
  sinks: string[];
  loops: Map<string, Loop>;
  /** Loops that contain each node, innermost first. */
  loopsOf: Map<string, Loop[]>;
  /** Topological order of the forward graph (undefined when it has a cycle). */
  order: string[] | undefined;
  /** Edges that close a cycle at a node without `maxIterations` (the validator refuses them). */
  unlimitedLoopEdges: GraphEdge[];
}

/** Gives the default port of a node (for edges that name none). */
export type DefaultPortOf = (node: WorkflowNode) => string;

/**
 * Compiles a structurally valid workflow (unique ids, edges pointing at known nodes) into the
 * planner's graph. A cycle that does not pass through a `maxIterations` node leaves `order` undefined.
 */
export function compileGraph(workflow: WorkflowDefinition, defaultPortOf: DefaultPortOf): CompiledGraph {
  const nodes = new Map(workflow.nodes.map((n) => [n.id, n]));
  const allOut = new Map<string, WorkflowEdge[]>();
  for (const id of nodes.keys()) allOut.set(id, []);
  for (const edge of workflow.edges) allOut.get(edge.from)?.push(edge);

  const { back: backEdgeIndexes, unlimited } = findBackEdges(workflow, allOut);
  const edges: GraphEdge[] = workflow.edges.map((e, index) => {
    const source = nodes.get(e.from);
    return {
      index,
      from: e.from,
      to: e.to,
      port: e.port ?? (source ? defaultPortOf(source) : 'out'),
      back: backEdgeIndexes.has(index),
    };
  });

  const incoming = new Map<string, GraphEdge[]>();
  const outgoing = new Map<string, GraphEdge[]>();
  const backIncoming = new Map<string, GraphEdge[]>();
  for (const id of nodes.keys()) {
    incoming.set(id, []);
    outgoing.set(id, []);
    backIncoming.set(id, []);
  }
  for (const edge of edges) {
    outgoing.get(edge.from)?.push(edge);
    (edge.back ? backIncoming : incoming).get(edge.to)?.push(edge);
  }

  const sources = [...nodes.keys()].filter((id) => incoming.get(id)?.length === 0);
  const sinks = [...nodes.keys()].filter((id) => !outgoing.get(id)?.some((e) => !e.back));
  const loops = findLoops(nodes, edges, outgoing);
  const loopsOf = new Map<string, Loop[]>();
  for (const id of nodes.keys()) loopsOf.set(id, []);
  for (const loop of [...loops.values()].sort((a, b) => a.body.size - b.body.size)) {
    for (const id of loop.body) loopsOf.get(id)?.push(loop);
  }

  return {
    nodes,
    edges,
    incoming,
    outgoing,
    backIncoming,
    sources,
    sinks,
    loops,
    loopsOf,
    order: topologicalOrder(nodes, outgoing),
    unlimitedLoopEdges: unlimited.map((i) => edges[i] as GraphEdge),
  };
}

/**
 * Loop-closing edges: a depth-first walk from the entry nodes meets each loop's head first, so an
 * edge back to a node still on the walk's stack closes a loop. Such an edge counts as a back edge
 * only when its target has `maxIterations`; any other leaves a cycle the validator reports.
 */
function findBackEdges(
  workflow: WorkflowDefinition,
  allOut: Map<string, WorkflowEdge[]>,
): { back: Set<number>; unlimited: number[] } {
  const indexOf = new Map<WorkflowEdge, number>(workflow.edges.map((e, i) => [e, i]));
  const limited = new Set(workflow.nodes.filter((n) => n.maxIterations !== undefined).map((n) => n.id));
  const hasInbound = new Set(workflow.edges.map((e) => e.to));
  const roots = [
    ...workflow.nodes.filter((n) => !hasInbound.has(n.id)),
    ...workflow.nodes.filter((n) => hasInbound.has(n.id)),
  ].map((n) => n.id);
  const back = new Set<number>();
  const unlimited: number[] = [];
  const visited = new Set<string>();
  const onStack = new Set<string>();
  for (const root of roots) {
    if (visited.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    visited.add(root);
    onStack.add(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; next: number };
      const out = allOut.get(frame.id) ?? [];
      if (frame.next >= out.length) {
        onStack.delete(frame.id);
        stack.pop();
        continue;
      }
      const edge = out[frame.next++] as WorkflowEdge;
      if (onStack.has(edge.to)) {
        if (limited.has(edge.to)) back.add(indexOf.get(edge) as number);
        else unlimited.push(indexOf.get(edge) as number);
      } else if (!visited.has(edge.to)) {
        visited.add(edge.to);
        onStack.add(edge.to);
        stack.push({ id: edge.to, next: 0 });
      }
    }
  }
  return { back, unlimited };
}

function findLoops(
  nodes: Map<string, WorkflowNode>,
  edges: GraphEdge[],
  outgoing: Map<string, GraphEdge[]>,
): Map<string, Loop> {
  const loops = new Map<string, Loop>();
  const forwardIn = new Map<string, string[]>();
  for (const id of nodes.keys()) forwardIn.set(id, []);
  for (const e of edges) if (!e.back) forwardIn.get(e.to)?.push(e.from);

  for (const node of nodes.values()) {
    if (node.maxIterations === undefined) continue;
    const tails = edges.filter((e) => e.back && e.to === node.id).map((e) => e.from);
    if (tails.length === 0) continue;
    const fromHead = reach(node.id, (id) =>
      (outgoing.get(id) ?? []).filter((e) => !e.back).map((e) => e.to),
    );
    const toTails = new Set<string>();
    for (const tail of tails) for (const id of reach(tail, (x) => forwardIn.get(x) ?? [])) toTails.add(id);
    const body = new Set([...fromHead].filter((id) => toTails.has(id)));
    body.add(node.id);
    loops.set(node.id, { head: node.id, maxIterations: node.maxIterations, body });
  }
  return loops;
}

function reach(start: string, next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const n of next(id)) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

function topologicalOrder(nodes: Map<string, WorkflowNode>, outgoing: Map<string, GraphEdge[]>): string[] | undefined {
  const indegree = new Map<string, number>();
  for (const id of nodes.keys()) indegree.set(id, 0);
  for (const list of outgoing.values()) {
    for (const e of list) if (!e.back) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  }
  const queue = [...nodes.keys()].filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    order.push(id);
    for (const e of outgoing.get(id) ?? []) {
      if (e.back) continue;
      const d = (indegree.get(e.to) ?? 0) - 1;
      indegree.set(e.to, d);
      if (d === 0) queue.push(e.to);
    }
  }
  return order.length === nodes.size ? order : undefined;
}

/** Nodes on a cycle of the forward graph, for the validator's message. */
export function nodesOnForwardCycles(graph: CompiledGraph): string[] {
  const onCycle: string[] = [];
  for (const id of graph.nodes.keys()) {
    const forwardNext = (x: string) => (graph.outgoing.get(x) ?? []).filter((e) => !e.back).map((e) => e.to);
    const starts = forwardNext(id);
    if (starts.some((s) => reach(s, forwardNext).has(id))) onCycle.push(id);
  }
  return onCycle;
}
