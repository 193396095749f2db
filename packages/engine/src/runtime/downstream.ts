import type { CompiledGraph } from '../graph/compile.ts';
import type { StepRecord } from '../records.ts';

/**
 * The steps a manual retry resets: the target step and every later step of a node reachable from
 * it (so loop iterations and skipped branches are decided again). Map items are kept: a retried
 * map re-runs only the items that did not succeed.
 */
export function downstreamSteps(graph: CompiledGraph, steps: StepRecord[], target: StepRecord): StepRecord[] {
  const reachable = new Set<string>();
  const stack = [target.nodeId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const edge of graph.outgoing.get(id) ?? []) {
      if (!reachable.has(edge.to)) {
        reachable.add(edge.to);
        stack.push(edge.to);
      }
    }
  }
  const position = steps.indexOf(target);
  return steps.filter(
    (step, i) =>
      step === target ||
      (step.parentStepId === undefined && i > position && reachable.has(step.nodeId) && step.status !== 'pending'),
  );
}
