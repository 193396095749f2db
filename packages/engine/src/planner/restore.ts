import type { CompiledGraph } from '../graph/compile.ts';
import type { StepRecord } from '../records.ts';
import { createPlanState, planSettled, planStart, stepIdFor, type PlanAction, type PlanState } from './plan.ts';

/** The planner state rebuilt from stored steps, and the starts still to carry out. */
export interface RestoredPlan {
  state: PlanState;
  /** Start actions whose step has not settled: to run (or, if waiting, to keep waiting). */
  open: Extract<PlanAction, { kind: 'start' }>[];
  /** Skips and loop-limit notes the stored steps do not show yet. */
  unrecorded: PlanAction[];
}

/**
 * Replays stored step outcomes through the planner. Planning is deterministic, so feeding each
 * settled step back as the planner asks for it rebuilds edge states, loop counters and iterations
 * exactly; completed steps are never started again.
 */
export function restorePlan(graph: CompiledGraph, steps: Iterable<StepRecord>): RestoredPlan {
  const byId = new Map<string, StepRecord>();
  for (const step of steps) if (step.parentStepId === undefined) byId.set(step.stepId, step);

  const state = createPlanState(graph);
  const open: RestoredPlan['open'] = [];
  const unrecorded: PlanAction[] = [];
  const queue: PlanAction[] = planStart(state);
  while (queue.length > 0) {
    const action = queue.shift() as PlanAction;
    if (action.kind !== 'start') {
      const recorded = action.kind === 'skip' && byId.get(stepIdFor(action.nodeId, action.iteration));
      if (!recorded) unrecorded.push(action);
      continue;
    }
    const step = byId.get(stepIdFor(action.nodeId, action.iteration));
    const settledPorts = step ? portsIfSettled(step) : undefined;
    if (settledPorts === undefined) open.push(action);
    else queue.push(...planSettled(state, { nodeId: action.nodeId, ports: settledPorts }));
  }
  return { state, open, unrecorded };
}

/** Ports of a settled step (`null` for skipped), or undefined when it still has to run. */
function portsIfSettled(step: StepRecord): readonly string[] | null | undefined {
  if (step.status === 'succeeded') return step.ports ?? [];
  if (step.status === 'skipped') return null;
  if (step.status === 'failed' && step.ports?.length) return step.ports;
  return undefined;
}
