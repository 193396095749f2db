import { defineNode, retryPolicySchema, WeftError, type Json } from '@weft/engine';
import { z } from 'zod';

const itemNodeSchema = z.object({
  type: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  retry: retryPolicySchema.optional(),
  timeoutMs: z.number().int().positive().optional(),
});

/** Runs a node once per item of a list, each item its own durable step. */
export const mapNode = defineNode({
  type: 'map',
  version: 1,
  category: 'flow',
  title: 'Map',
  description:
    'Runs `node` once per item of `items`, at most `concurrency` at a time; inside, `{{ item }}` and `{{ index }}` are the current item and its position. Each item is its own step (`map[0]`, `map[1]`…): after a crash or a retry only unfinished items run again. Output: the list of item outputs, in order.',
  params: z.object({
    items: z.array(z.unknown()).describe('The list to map over, usually an expression.'),
    node: itemNodeSchema.describe('The node to run per item; its params may use {{ item }} and {{ index }}.'),
    concurrency: z.number().int().min(1).max(100).default(4),
    continueOnError: z.boolean().default(false).describe('Collect failed items as { error } instead of failing.'),
  }),
  rawParams: ['node'],
  example: { items: '{{ input.topics }}', node: { type: 'llm', params: { prompt: 'One line about {{ item }}' } }, concurrency: 3 },
  async run(ctx) {
    const { items, node, concurrency, continueOnError } = ctx.params;
    const results = await ctx.runChildren(
      items.map((item, index) => ({ node, index, scope: { item: item as Json, index } })),
      { concurrency },
    );
    const output: Json[] = [];
    for (const [index, result] of results.entries()) {
      if (result.ok) output.push(result.output);
      else if (continueOnError) output.push({ error: result.error });
      else throw new WeftError('NODE_FAILED', `Item ${index} failed: ${result.error.message}`, { retryable: false });
    }
    return { output };
  },
});
