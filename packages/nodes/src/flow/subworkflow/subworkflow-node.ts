import { defineNode, InvalidWorkflowError, workflowSchema, formatPath, type Json } from '@weft/engine';
import { z } from 'zod';

/** Runs another workflow as a child run and outputs its result. */
export const subworkflowNode = defineNode({
  type: 'subworkflow',
  version: 1,
  category: 'flow',
  title: 'Sub-workflow',
  description:
    'Runs `workflow` (an inline workflow definition) as a child run with `input`, and outputs the child run\'s output. The child run is durable too: after a crash it continues rather than starting over.',
  params: z.object({
    workflow: z.record(z.string(), z.unknown()).describe('A workflow definition, as in a workflow file.'),
    input: z.unknown().optional(),
  }),
  rawParams: ['workflow'],
  example: { workflow: { name: 'child', nodes: [{ id: 'a', type: 'transform', params: { value: '{{ input }}' } }] }, input: '{{ steps.prev.output }}' },
  async run(ctx) {
    const parsed = workflowSchema.safeParse(ctx.params.workflow);
    if (!parsed.success) {
      throw new InvalidWorkflowError(
        parsed.error.issues.map((i) => ({ path: formatPath(['params', 'workflow', ...i.path]), message: i.message })),
        `sub-workflow of '${ctx.node.id}'`,
      );
    }
    const output = await ctx.runWorkflow(parsed.data, (ctx.params.input ?? ctx.run.input) as Json);
    return { output };
  },
});
