import { defineNode } from '@weft/engine';
import { z } from 'zod';
import { passThrough } from '../passthrough.ts';

/** Routes to `true` or `false` by a condition; passes its input through. */
export const ifNode = defineNode({
  type: 'if',
  version: 1,
  category: 'flow',
  title: 'If',
  description:
    'Takes the `true` port when `condition` is truthy, else `false`. The branch not taken (and everything only it leads to) is skipped. Output: the node\'s input, unchanged.',
  params: z.object({
    condition: z
      .unknown()
      .nonoptional('required: the condition to test, e.g. "{{ steps.score.output.score >= 8 }}"')
      .describe('Usually an expression, e.g. {{ steps.score.output.score >= 8 }}.'),
  }),
  outputs: ['true', 'false'],
  example: { condition: '{{ steps.classify.output.label === "urgent" }}' },
  async run(ctx) {
    return { output: passThrough(ctx.inputs), ports: [ctx.params.condition ? 'true' : 'false'] };
  },
});
