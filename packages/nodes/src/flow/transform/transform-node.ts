import { defineNode, type Json } from '@weft/engine';
import { z } from 'zod';

/** Reshapes data: `value` is rendered (templates evaluated) and becomes the output. */
export const transformNode = defineNode({
  type: 'transform',
  version: 1,
  category: 'data',
  title: 'Transform',
  description: 'Builds a new value from earlier outputs with `{{ }}` expressions. The rendered `value` is the output.',
  params: z.object({
    value: z
      .unknown()
      .nonoptional('required: the value to output, e.g. "{{ steps.fetch.output.title }}" (use null for nothing)')
      .describe('Any JSON; strings may hold {{ expressions }}.'),
  }),
  example: { value: { title: '{{ steps.fetch.output.title }}', words: '{{ steps.fetch.output.text.split(" ").length }}' } },
  async run(ctx) {
    return { output: (ctx.params.value ?? null) as Json };
  },
});
