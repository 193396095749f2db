import { defineNode, type Json } from '@weft/engine';
import { z } from 'zod';
import { deletePath, fieldPathSchema, getPath, setPath } from '../shared/field-path.ts';
import { copyJson, itemsOf, itemsSchema, objectItem } from '../shared/items.ts';

/** Renames fields on every item. */
export const renameNode = defineNode({
  type: 'rename',
  version: 1,
  category: 'data',
  title: 'Rename fields',
  description:
    'Renames fields on every item, in order: each `{ from, to }` moves the value at field path `from` to field path `to` (nested paths allowed, e.g. `user.mail` → `contact.email`). Items without `from` are left as they are. Output: the renamed items.',
  params: z.object({
    items: itemsSchema,
    fields: z.array(z.object({ from: fieldPathSchema, to: fieldPathSchema })).min(1, 'at least one { from, to }'),
  }),
  example: { items: '{{ steps.fetch.output }}', fields: [{ from: 'user.mail', to: 'email' }, { from: 'id', to: 'customerId' }] },
  async run(ctx) {
    const output: Json[] = [];
    for (const [index, item] of itemsOf(ctx, ctx.params.items).entries()) {
      const renamed = copyJson(objectItem(item, index, 'to rename fields on'));
      for (const { from, to } of ctx.params.fields) {
        const value = getPath(renamed, from.keys);
        if (value === undefined) continue;
        deletePath(renamed, from.keys);
        setPath(renamed, to, value);
      }
      output.push(renamed);
    }
    return { output };
  },
});
