import { defineNode, type Json } from '@weft/engine';
import { z } from 'zod';
import { stableKey } from '../shared/compare.ts';
import { fieldPathSchema, readField } from '../shared/field-path.ts';
import { itemsOf, itemsSchema } from '../shared/items.ts';

/** Drops repeated items. */
export const dedupeNode = defineNode({
  type: 'dedupe',
  version: 1,
  category: 'data',
  title: 'Remove duplicates',
  description:
    'Drops items whose `fields` (field paths; omit to compare whole items) equal those of another item, deeply. `keep: first` keeps the first of each set of duplicates, `keep: last` the last; kept items stay in list order. Output: the unique items.',
  params: z.object({
    items: itemsSchema,
    fields: z.array(fieldPathSchema).default([]),
    keep: z.enum(['first', 'last']).default('first'),
  }),
  example: { items: '{{ steps.contacts.output }}', fields: ['email'], keep: 'last' },
  async run(ctx) {
    const { fields, keep } = ctx.params;
    const items = itemsOf(ctx, ctx.params.items);
    const keyOf = (item: Json) => (fields.length === 0 ? stableKey(item) : fields.map((f) => stableKey(readField(item, f))).join('|'));
    const chosen = new Map<string, number>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (keep === 'last' || !chosen.has(key)) chosen.set(key, index);
    });
    const kept = new Set(chosen.values());
    return { output: items.filter((_, index) => kept.has(index)) };
  },
});
