import { defineNode } from '@weft/engine';
import { z } from 'zod';
import { compareForSort } from '../shared/compare.ts';
import { fieldPathSchema, readField } from '../shared/field-path.ts';
import { itemsOf, itemsSchema } from '../shared/items.ts';

const keySchema = z.object({
  field: fieldPathSchema.optional().describe('Field path to sort by; omit to sort by the item itself.'),
  order: z.enum(['asc', 'desc']).default('asc'),
  type: z.enum(['auto', 'number', 'string', 'date']).default('auto').describe('How to compare; auto: numbers, ISO dates, then text.'),
});

/** Sorts items by one or more fields. */
export const sortNode = defineNode({
  type: 'sort',
  version: 1,
  category: 'data',
  title: 'Sort',
  description:
    'Sorts a list by one or more keys (`by`: field path, asc/desc). Stable: equal items keep their order. Numbers compare numerically, ISO dates by time, text naturally ("item2" before "item10"); null and missing values go last in either direction. Output: the sorted items.',
  params: z.object({
    items: itemsSchema,
    by: z.array(keySchema).min(1, 'at least one key, e.g. { field: "createdAt", order: "desc" }').prefault([{}]),
  }),
  example: { items: '{{ steps.fetch.output }}', by: [{ field: 'priority', order: 'desc' }, { field: 'createdAt' }] },
  async run(ctx) {
    const { by } = ctx.params;
    const rows = itemsOf(ctx, ctx.params.items).map((item) => ({ item, keys: by.map((key) => readField(item, key.field)) }));
    rows.sort((a, b) => {
      for (const [i, key] of by.entries()) {
        const order = compareForSort(a.keys[i], b.keys[i], key.order === 'desc', key.type);
        if (order !== 0) return order;
      }
      return 0;
    });
    return { output: rows.map((row) => row.item) };
  },
});
