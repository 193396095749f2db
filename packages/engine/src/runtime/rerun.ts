import type { CompiledGraph } from '../graph/compile.ts';
import type { StepWrite } from '../ports/run-store.ts';
import type { StepRecord } from '../records.ts';
import { downstreamSteps } from './downstream.ts';

/**
 * The steps a re-run starts with: every step that ended before `from` and is not downstream of
 * it, with its last attempt (map items of copied steps included).
 */
export function copyForRerun(graph: CompiledGraph, steps: StepRecord[], from: StepRecord): StepWrite[] {
  const rerun = new Set(downstreamSteps(graph, steps, from).map((s) => s.stepId));
  const kept = new Set<string>();
  const writes: StepWrite[] = [];
  for (const step of steps) {
    const parentKept = step.parentStepId !== undefined && kept.has(step.parentStepId);
    const ended = step.status === 'succeeded' || step.status === 'skipped' || (step.status === 'failed' && step.ports?.length);
    if (!ended || rerun.has(step.stepId) || (step.parentStepId !== undefined && !parentKept)) continue;
    if (step.parentStepId === undefined) kept.add(step.stepId);
    const last = step.attempts[step.attempts.length - 1];
    const write: StepWrite = { stepId: step.stepId, nodeId: step.nodeId, iteration: step.iteration, status: step.status };
    if (step.index !== undefined) write.index = step.index;
    if (step.parentStepId !== undefined) write.parentStepId = step.parentStepId;
    if (step.ports) write.ports = step.ports;
    if (last) write.attempt = last;
    writes.push(write);
  }
  return writes;
}
