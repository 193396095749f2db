// What starting a run costs before any step runs: validating and hashing the workflow.
import { validateWorkflow, workflowHash } from '@weft/engine';
import { fromSample, type BenchResult } from '../lib/result.ts';
import { measureSync } from '../lib/stats.ts';
import { benchRegistry, chainWorkflow } from '../lib/workflows.ts';

export function runSetupCases(section: string): BenchResult[] {
  const registry = benchRegistry();
  const workflow = chainWorkflow(100);
  const validate = measureSync(() => {
    if (!validateWorkflow(workflow, registry).ok) throw new Error('bench chain does not validate');
  });
  const hash = measureSync(() => workflowHash(workflow));
  return [
    fromSample(
      section,
      'validateWorkflow of a 100-node chain (zod + compile; once per startRun)',
      'µs/run',
      validate,
    ),
    fromSample(section, 'workflowHash of a 100-node chain (once per startRun, in the store)', 'µs/run', hash),
  ];
}
