import { defineNode, type Json } from '@weft/engine';
import { z } from 'zod';
import { conditionSchema, testCondition } from '../shared/conditions.ts';
import { itemsOf, itemsSchema } from '../shared/items.ts';

/** Keeps the items that match conditions on their fields. */
export const filterNode = defineNode({
  type: 'filter',
  version: 1,
  category: 'data',
  title: 'Filter',
  description:
    'Keeps the items of a list that match `conditions` (`all` must match, or `any`). Each condition tests a field path with an op: eq, ne, gt, gte, lt, lte, contains, startsWith, endsWith, in, exists, notExists, matches (a regular expression, run by a matcher that cannot backtrack; no backreferences or lookarounds). eq, ne and in compare JSON values exactly (5 and "5" differ); gt, gte, lt and lte compare numbers (numeric strings too), ISO dates or text, and never match values of different kinds. Output: the kept items. With `rejected: port` the output is `{ kept, rejected }` and the node takes `out` when any item was kept and `rejected` when any was not.',
  params: z.object({
    items: itemsSchema,
    conditions: z.array(conditionSchema).min(1, 'at least one condition, e.g. { field: "status", op: "eq", value: "open" }'),
    combine: z.enum(['all', 'any']).default('all'),
    rejected: z.enum(['drop', 'port']).default('drop'),
  }),
  outputs: ['out', 'rejected'],
  example: {
    items: '{{ steps.fetch.output }}',
    conditions: [
      { field: 'status', op: 'eq', value: 'open' },
      { field: 'title', op: 'matches', value: '^\\[bug\\]', ignoreCase: true },
    ],
    combine: 'all',
  },
  async run(ctx) {
    const { conditions, combine } = ctx.params;
    const kept: Json[] = [];
    const rejected: Json[] = [];
    for (const item of itemsOf(ctx, ctx.params.items)) {
      const keep = combine === 'all' ? conditions.every((c) => testCondition(item, c)) : conditions.some((c) => testCondition(item, c));
      (keep ? kept : rejected).push(item);
    }
    if (ctx.params.rejected === 'drop') return { output: kept };
    const ports = [...(kept.length > 0 || rejected.length === 0 ? ['out'] : []), ...(rejected.length > 0 ? ['rejected'] : [])];
    return { output: { kept, rejected }, ports };
  },
});
