import type { Step } from '@weft/api';
import { nodeIdOfStep, type LiveState, type LiveStepStatus } from './liveState.ts';

export type Attempt = Step['attempts'][number];

/** One step as the run view shows it: the server's record (when fetched) with the freshest status. */
export interface StepView {
  stepId: string;
  nodeId: string;
  status: LiveStepStatus;
  /** Loop iteration (1, 2, …) of a top-level step. */
  iteration: number;
  /** Position of a map item. */
  index?: number;
  parentStepId?: string;
  /** The stored step with its attempts; absent until the run's details are fetched again. */
  record?: Step;
}

/** What the graph and the inspector show for one node. */
export interface NodeRun {
  nodeId: string;
  /** Status of its latest step, `pending` when it has not run. */
  status: LiveStepStatus;
  /** Its top-level steps (one per loop iteration), oldest first. */
  steps: StepView[];
  /** Map items (children of its steps), by position. */
  items: StepView[];
}

const ITEM = /^(.*)\[(\d+)\]$/;
const ITERATION = /#(\d+)$/;

/**
 * Merges the stored steps with the stream's news. The stream wins when it has seen at least the
 * events the stored run had (it is then at least as fresh); otherwise the stored status does.
 */
export function stepViews(stored: readonly Step[], live: LiveState, storedLastSeq: number): StepView[] {
  const liveIsFresher = live.lastSeq >= storedLastSeq;
  const views = new Map<string, StepView>();
  for (const step of stored) {
    const liveStep = live.steps[step.stepId];
    const view: StepView = {
      stepId: step.stepId,
      nodeId: step.nodeId,
      status: liveStep && liveIsFresher ? liveStep.status : step.status,
      iteration: step.iteration,
      record: step,
    };
    if (step.index !== undefined) view.index = step.index;
    if (step.parentStepId !== undefined) view.parentStepId = step.parentStepId;
    views.set(step.stepId, view);
  }
  for (const liveStep of Object.values(live.steps)) {
    if (views.has(liveStep.stepId)) continue;
    const view: StepView = { stepId: liveStep.stepId, nodeId: liveStep.nodeId, status: liveStep.status, iteration: 1 };
    const item = ITEM.exec(liveStep.stepId);
    if (item?.[1] !== undefined && item[2] !== undefined) {
      view.parentStepId = item[1];
      view.index = Number(item[2]);
    } else {
      view.iteration = Number(ITERATION.exec(liveStep.stepId)?.[1] ?? 1);
    }
    views.set(liveStep.stepId, view);
  }
  return [...views.values()];
}

/** Groups steps by node, in the order of `nodeIds`. */
export function nodeRuns(nodeIds: readonly string[], steps: readonly StepView[]): Map<string, NodeRun> {
  const result = new Map<string, NodeRun>();
  for (const nodeId of nodeIds) result.set(nodeId, { nodeId, status: 'pending', steps: [], items: [] });
  for (const step of steps) {
    const nodeId = step.nodeId || nodeIdOfStep(step.stepId);
    let run = result.get(nodeId);
    if (!run) {
      run = { nodeId, status: 'pending', steps: [], items: [] };
      result.set(nodeId, run);
    }
    if (step.parentStepId === undefined) run.steps.push(step);
    else run.items.push(step);
  }
  for (const run of result.values()) {
    run.steps.sort((a, b) => a.iteration - b.iteration);
    run.items.sort((a, b) => (a.parentStepId ?? '').localeCompare(b.parentStepId ?? '') || (a.index ?? 0) - (b.index ?? 0));
    const latest = run.steps.at(-1);
    if (latest) run.status = latest.status;
  }
  return result;
}

/** The step worth showing when the user has not picked one: waiting, then failed, then running, then the last that ran. */
export function defaultStep(steps: readonly StepView[]): StepView | undefined {
  const topLevel = steps.filter((s) => s.parentStepId === undefined);
  for (const status of ['waiting', 'failed', 'running'] as const) {
    const found = topLevel.findLast((s) => s.status === status);
    if (found) return found;
  }
  return topLevel.findLast((s) => s.status !== 'pending' && s.status !== 'skipped');
}

/** Models the run's steps used, most used first. */
export function modelsUsed(steps: readonly Step[]): string[] {
  const counts = new Map<string, number>();
  for (const step of steps) for (const a of step.attempts) if (a.model) counts.set(a.model, (counts.get(a.model) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([model]) => model);
}

/** The text of a step's output worth rendering as Markdown: a string, or an object's `text` string. */
export function outputText(output: unknown): string | undefined {
  if (typeof output === 'string') return output;
  if (typeof output === 'object' && output !== null && !Array.isArray(output)) {
    const text = (output as Record<string, unknown>)['text'];
    if (typeof text === 'string') return text;
  }
  return undefined;
}

/** A node of the run's workflow version, as much of it as the run view needs. */
export interface DefinitionNode {
  id: string;
  type: string;
  name?: string;
  params: Record<string, unknown>;
  position?: { x: number; y: number };
}

export interface DefinitionEdge {
  from: string;
  to: string;
  port?: string;
}

/** The nodes and edges of a stored definition (typed loosely by the API), checked as they are read. */
export function definitionGraph(definition: Record<string, unknown> | undefined): { nodes: DefinitionNode[]; edges: DefinitionEdge[] } {
  const nodes: DefinitionNode[] = [];
  const edges: DefinitionEdge[] = [];
  for (const raw of Array.isArray(definition?.['nodes']) ? definition['nodes'] : []) {
    const n = raw as Record<string, unknown>;
    if (typeof n['id'] !== 'string') continue;
    const node: DefinitionNode = {
      id: n['id'],
      type: typeof n['type'] === 'string' ? n['type'] : '?',
      params: typeof n['params'] === 'object' && n['params'] !== null ? (n['params'] as Record<string, unknown>) : {},
    };
    if (typeof n['name'] === 'string') node.name = n['name'];
    const p = n['position'] as { x?: unknown; y?: unknown } | undefined;
    if (p && typeof p.x === 'number' && typeof p.y === 'number') node.position = { x: p.x, y: p.y };
    nodes.push(node);
  }
  for (const raw of Array.isArray(definition?.['edges']) ? definition['edges'] : []) {
    const e = raw as Record<string, unknown>;
    if (typeof e['from'] !== 'string' || typeof e['to'] !== 'string') continue;
    edges.push(typeof e['port'] === 'string' ? { from: e['from'], to: e['to'], port: e['port'] } : { from: e['from'], to: e['to'] });
  }
  return { nodes, edges };
}
