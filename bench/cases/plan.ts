// Planning: the pure planner over a 100-node chain, settlement by settlement.
import { createPlanState, planSettled, planStart, validateWorkflow } from '@weft/engine';
import { fromSample, type BenchResult } from '../lib/result.ts';
import { measureSync } from '../lib/stats.ts';
import { benchRegistry, chainWorkflow } from '../lib/workflows.ts';

export function planCase(section: string): BenchResult[] {
  const validated = validateWorkflow(chainWorkflow(100), benchRegistry());
  if (!validated.ok) throw new Error('bench chain does not validate');
  const graph = validated.graph;
  const ids = [...graph.nodes.keys()];
  const ports = ['out'];
  const sample = measureSync(
    () => {
      const state = createPlanState(graph);
      planStart(state);
      for (const nodeId of ids) planSettled(state, { nodeId, ports });
    },
    { unitsPerCall: ids.length },
  );
  return [
    fromSample(
      section,
      'plan a step: planSettled over a 100-chain (with createPlanState)',
      'µs/step',
      sample,
    ),
  ];
}
