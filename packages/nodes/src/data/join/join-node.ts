import { defineNode, isJsonObject, type Json, type JsonObject } from '@weft/engine';
import { z } from 'zod';
import { stableKey } from '../shared/compare.ts';
import { fieldPathSchema, readField, type FieldPath } from '../shared/field-path.ts';
import { describeValue, inputError, requiredItemsSchema } from '../shared/items.ts';

/** Joins two lists by a key field (inner, left, right, outer) or pairwise (zip). */
export const joinNode = defineNode({
  type: 'join',
  version: 1,
  category: 'data',
  title: 'Join',
  description:
    'Combines two lists, `left` and `right`. By key: items whose `leftKey` and `rightKey` fields are equal are combined (every matching pair, as in SQL; null and missing keys never match); `inner` keeps pairs only, `left` also unmatched left items, `right` also unmatched right items, `outer` all. `zip` pairs items by position (the longer list decides the length). Output `merge` combines each pair into one object (right fields win); `pair` gives `{ left, right }` with null for a missing side. For joining branches, see the `merge` node.',
  params: z
    .object({
      mode: z.enum(['inner', 'left', 'right', 'outer', 'zip']).default('inner'),
      left: requiredItemsSchema,
      right: requiredItemsSchema,
      on: fieldPathSchema.optional().describe('Key field of both lists (or give leftKey and rightKey).'),
      leftKey: fieldPathSchema.optional(),
      rightKey: fieldPathSchema.optional(),
      output: z.enum(['merge', 'pair']).default('merge'),
    })
    .refine((p) => p.mode === 'zip' || p.on !== undefined || (p.leftKey !== undefined && p.rightKey !== undefined), {
      message: 'joining by key needs `on` (or `leftKey` and `rightKey`), e.g. on: "customerId"; or use mode zip',
      path: ['on'],
    }),
  example: { mode: 'left', left: '{{ steps.orders.output }}', right: '{{ steps.customers.output }}', leftKey: 'customerId', rightKey: 'id' },
  async run(ctx) {
    const { mode, left, right, output } = ctx.params;
    const combine = (l: Json | undefined, r: Json | undefined, li: number, ri: number): Json => {
      if (output === 'pair') return { left: l ?? null, right: r ?? null };
      return { ...objectOf(l, `left[${li}]`), ...objectOf(r, `right[${ri}]`) };
    };
    if (mode === 'zip') {
      const length = Math.max(left.length, right.length);
      return { output: Array.from({ length }, (_, i) => combine(left[i] as Json | undefined, right[i] as Json | undefined, i, i)) };
    }
    const leftKey = (ctx.params.leftKey ?? ctx.params.on) as FieldPath;
    const rightKey = (ctx.params.rightKey ?? ctx.params.on) as FieldPath;
    const byKey = new Map<string, number[]>();
    (right as Json[]).forEach((item, i) => {
      const key = keyOf(item, rightKey);
      if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), i]);
    });
    const matchedRight = new Set<number>();
    const rows: Json[] = [];
    (left as Json[]).forEach((item, li) => {
      const key = keyOf(item, leftKey);
      const matches = key === undefined ? [] : (byKey.get(key) ?? []);
      for (const ri of matches) {
        matchedRight.add(ri);
        rows.push(combine(item, right[ri] as Json, li, ri));
      }
      if (matches.length === 0 && (mode === 'left' || mode === 'outer')) rows.push(combine(item, undefined, li, -1));
    });
    if (mode === 'right' || mode === 'outer') {
      (right as Json[]).forEach((item, ri) => {
        if (!matchedRight.has(ri)) rows.push(combine(undefined, item, -1, ri));
      });
    }
    return { output: rows };
  },
});

function keyOf(item: Json, field: FieldPath): string | undefined {
  const value = readField(item, field);
  return value === undefined || value === null ? undefined : stableKey(value);
}

function objectOf(value: Json | undefined, where: string): JsonObject {
  if (value === undefined) return {};
  if (!isJsonObject(value)) throw inputError(`${where}: output merge needs objects, got ${describeValue(value)}; use output: pair`);
  return value;
}
