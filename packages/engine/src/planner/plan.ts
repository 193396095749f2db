import type { CompiledGraph, GraphEdge, Loop } from '../graph/compile.ts';

const PENDING = 0;
const TAKEN = 1;
const DEAD = 2;

/** Where a node stands in its current activation, as far as the planner cares. */
export type NodePhase = 'idle' | 'active' | 'done';

/** What the planner decides. The run loop carries each action out and reports back. */
export type PlanAction =
  | { kind: 'start'; nodeId: string; iteration: number }
  | { kind: 'skip'; nodeId: string; iteration: number }
  | { kind: 'loop-limit'; nodeId: string; maxIterations: number };

/** How a started node settled. `ports: null` means skipped; failures routed to `error` pass `['error']`. */
export interface Settlement {
  nodeId: string;
  ports: readonly string[] | null;
}

/**
 * The planner's bookkeeping for one run: edge states, node phases, loop counters. It holds no
 * time and does no I/O: the same settlements in produce the same actions out.
 */
export interface PlanState {
  readonly graph: CompiledGraph;
  readonly edges: Uint8Array;
  readonly phase: Map<string, NodePhase>;
  /** Activation count of each node (the iteration of its current or last step). */
  readonly iteration: Map<string, number>;
  /** Iterations run of each loop since it was entered. */
  readonly loopCount: Map<string, number>;
  /** Back edges taken in the current iteration of each loop. */
  readonly continueBy: Map<string, GraphEdge[]>;
  /** Exit edges not taken in the current iteration, decided when the loop ends. */
  readonly deferred: Map<string, GraphEdge[]>;
}

/** Fresh planner state for a compiled graph. */
export function createPlanState(graph: CompiledGraph): PlanState {
  const phase = new Map<string, NodePhase>();
  const iteration = new Map<string, number>();
  for (const id of graph.nodes.keys()) {
    phase.set(id, 'idle');
    iteration.set(id, 0);
  }
  return {
    graph,
    edges: new Uint8Array(graph.edges.length),
    phase,
    iteration,
    loopCount: new Map(),
    continueBy: new Map(),
    deferred: new Map(),
  };
}

/** The first actions of a run: every source node starts. */
export function planStart(state: PlanState): PlanAction[] {
  const actions: PlanAction[] = [];
  for (const id of state.graph.sources) activate(state, id, actions);
  return actions;
}

/**
 * Records that a node settled and returns what follows: successors that became ready start,
 * successors whose every inbound path was not taken are skipped (and so on, transitively),
 * loops start their next iteration or end.
 */
export function planSettled(state: PlanState, settlement: Settlement): PlanAction[] {
  const actions: PlanAction[] = [];
  settle(state, settlement.nodeId, settlement.ports, actions);
  return actions;
}

/** Step id of a node's n-th activation: `node`, then `node#2`, `node#3`… */
export function stepIdFor(nodeId: string, iteration: number): string {
  return iteration <= 1 ? nodeId : `${nodeId}#${iteration}`;
}

/** True when `edge` was taken in its source's current activation. */
export function edgeTaken(state: PlanState, edge: GraphEdge): boolean {
  return state.edges[edge.index] === TAKEN;
}

/** True while some node is started but not settled. */
export function hasActiveNodes(state: PlanState): boolean {
  for (const phase of state.phase.values()) if (phase === 'active') return true;
  return false;
}

function settle(state: PlanState, nodeId: string, ports: readonly string[] | null, actions: PlanAction[]): void {
  state.phase.set(nodeId, 'done');
  const touched: string[] = [];
  for (const edge of state.graph.outgoing.get(nodeId) ?? []) {
    const taken = ports !== null && ports.includes(edge.port);
    if (edge.back) {
      if (taken) pushTo(state.continueBy, edge.to, edge);
      continue;
    }
    if (taken) {
      state.edges[edge.index] = TAKEN;
    } else {
      const exited = exitedLoop(state, edge);
      if (exited) pushTo(state.deferred, exited.head, edge);
      else state.edges[edge.index] = DEAD;
      if (exited) continue;
    }
    touched.push(edge.to);
  }
  for (const target of touched) checkReady(state, target, actions);
  for (const loop of state.graph.loopsOf.get(nodeId) ?? []) checkIterationEnd(state, loop, actions);
}

/** The innermost loop that `edge` leaves and that is still iterating, if any. */
function exitedLoop(state: PlanState, edge: GraphEdge): Loop | undefined {
  for (const loop of state.graph.loopsOf.get(edge.from) ?? []) {
    if (!loop.body.has(edge.to) && (state.loopCount.get(loop.head) ?? 0) > 0) return loop;
  }
  return undefined;
}

function checkReady(state: PlanState, nodeId: string, actions: PlanAction[]): void {
  if (state.phase.get(nodeId) !== 'idle') return;
  let anyTaken = false;
  for (const edge of state.graph.incoming.get(nodeId) ?? []) {
    const s = state.edges[edge.index];
    if (s === PENDING) return;
    if (s === TAKEN) anyTaken = true;
  }
  if (anyTaken) {
    activate(state, nodeId, actions);
    return;
  }
  const iteration = (state.iteration.get(nodeId) ?? 0) + 1;
  state.iteration.set(nodeId, iteration);
  actions.push({ kind: 'skip', nodeId, iteration });
  settle(state, nodeId, null, actions);
}

function activate(state: PlanState, nodeId: string, actions: PlanAction[]): void {
  const iteration = (state.iteration.get(nodeId) ?? 0) + 1;
  state.iteration.set(nodeId, iteration);
  state.phase.set(nodeId, 'active');
  if (state.graph.loops.has(nodeId) && !state.continueBy.has(nodeId)) state.loopCount.set(nodeId, 1);
  actions.push({ kind: 'start', nodeId, iteration });
}

function checkIterationEnd(state: PlanState, loop: Loop, actions: PlanAction[]): void {
  if ((state.loopCount.get(loop.head) ?? 0) === 0) return;
  for (const id of loop.body) if (state.phase.get(id) !== 'done') return;

  const backEdges = state.continueBy.get(loop.head) ?? [];
  const count = state.loopCount.get(loop.head) ?? 1;
  if (backEdges.length > 0 && count < loop.maxIterations) {
    startNextIteration(state, loop, count + 1, actions);
    return;
  }
  if (backEdges.length > 0) {
    actions.push({ kind: 'loop-limit', nodeId: loop.head, maxIterations: loop.maxIterations });
    forceExits(state, loop);
  }
  endLoop(state, loop, actions);
}

function startNextIteration(state: PlanState, loop: Loop, count: number, actions: PlanAction[]): void {
  state.continueBy.delete(loop.head);
  for (const edge of state.graph.edges) {
    if (loop.body.has(edge.from) && loop.body.has(edge.to) && !edge.back) state.edges[edge.index] = PENDING;
  }
  for (const id of loop.body) {
    state.phase.set(id, 'idle');
    // A nested loop starts counting afresh when the outer one comes round again.
    if (id !== loop.head && state.graph.loops.has(id)) {
      state.loopCount.set(id, 0);
      state.continueBy.delete(id);
    }
  }
  state.loopCount.set(loop.head, count);
  const iteration = (state.iteration.get(loop.head) ?? 0) + 1;
  state.iteration.set(loop.head, iteration);
  state.phase.set(loop.head, 'active');
  actions.push({ kind: 'start', nodeId: loop.head, iteration });
}

/**
 * At the limit the loop ends as if its condition had said stop: the exits not taken in the last
 * round (the `if` branch that leaves the loop, say) are taken instead.
 */
function forceExits(state: PlanState, loop: Loop): void {
  for (const edge of state.deferred.get(loop.head) ?? []) {
    if (state.edges[edge.index] === PENDING) state.edges[edge.index] = TAKEN;
  }
}

function endLoop(state: PlanState, loop: Loop, actions: PlanAction[]): void {
  const deferred = state.deferred.get(loop.head) ?? [];
  state.deferred.delete(loop.head);
  state.continueBy.delete(loop.head);
  state.loopCount.set(loop.head, 0);
  const targets = new Set<string>();
  for (const edge of deferred) {
    if (state.edges[edge.index] !== PENDING) {
      targets.add(edge.to);
      continue;
    }
    // An edge that also leaves an outer loop still iterating is that loop's to decide.
    const outer = exitedLoop(state, edge);
    if (outer) {
      pushTo(state.deferred, outer.head, edge);
      continue;
    }
    state.edges[edge.index] = DEAD;
    targets.add(edge.to);
  }
  for (const target of targets) checkReady(state, target, actions);
  for (const outer of state.graph.loopsOf.get(loop.head) ?? []) {
    if (outer !== loop) checkIterationEnd(state, outer, actions);
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
