import { defineNode } from '@weft/engine';
import { z } from 'zod';
import { itemsOf, itemsSchema } from '../shared/items.ts';

/** Keeps the first or last N items. */
export const limitNode = defineNode({
  type: 'limit',
  version: 1,
  category: 'data',
  title: 'Limit',
  description:
    'Keeps at most `count` items, from the `start` of the list or its `end`, after skipping `offset` items on that side (offset 10, count 10 from start: items 11–20). Output: the kept items, in their original order.',
  params: z.object({
    items: itemsSchema,
    count: z.number().int().min(0),
    from: z.enum(['start', 'end']).default('start'),
    offset: z.number().int().min(0).default(0),
  }),
  example: { items: '{{ steps.search.output }}', count: 5, from: 'start', offset: 0 },
  async run(ctx) {
    const { count, from, offset } = ctx.params;
    const items = itemsOf(ctx, ctx.params.items);
    if (from === 'start') return { output: items.slice(offset, offset + count) };
    const end = Math.max(items.length - offset, 0);
    return { output: items.slice(Math.max(end - count, 0), end) };
  },
});
