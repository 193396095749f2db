import { defineNode, type Json, type JsonObject } from '@weft/engine';
import { z } from 'zod';
import { compareSameKind, compareValues, stableKey } from '../shared/compare.ts';
import { fieldPathSchema, readField, setPath, type FieldPath } from '../shared/field-path.ts';
import { describeValue, inputError, itemsOf, itemsSchema } from '../shared/items.ts';

const OPS = ['count', 'sum', 'avg', 'min', 'max', 'first', 'last', 'list', 'concatenate'] as const;

const summarySchema = z.object({
  op: z.enum(OPS),
  field: fieldPathSchema.optional().describe('Field path to aggregate; omit for the item itself (count: every item).'),
  as: z.string().min(1).optional().describe('Output key; default e.g. "sum_amount" or "count".'),
  separator: z.string().default(', ').describe('For concatenate.'),
  unique: z.boolean().default(false).describe('For list and concatenate: drop repeated values.'),
});
type Summary = z.output<typeof summarySchema>;

/** Groups items and summarizes each group (or the whole list). */
export const aggregateNode = defineNode({
  type: 'aggregate',
  version: 1,
  category: 'data',
  title: 'Aggregate',
  description:
    'Summarizes a list: per group of equal `groupBy` field values (output: one object per group, in order of first appearance, with the group fields and the summaries) or, without `groupBy`, the whole list (output: one object). Ops: count (items, or items where the field is set), sum, avg, min, max, first, last, list (collect values), concatenate (join as text). Null and missing values are skipped; sum and avg accept numbers and numeric strings.',
  params: z.object({
    items: itemsSchema,
    groupBy: z.array(fieldPathSchema).default([]),
    summaries: z.array(summarySchema).min(1, 'at least one summary, e.g. { op: "count" }'),
  }),
  example: {
    items: '{{ steps.orders.output }}',
    groupBy: ['customer.id'],
    summaries: [{ op: 'count', as: 'orders' }, { op: 'sum', field: 'total', as: 'revenue' }, { op: 'list', field: 'id', as: 'orderIds' }],
  },
  async run(ctx) {
    const { groupBy, summaries } = ctx.params;
    const groups = new Map<string, { keys: (Json | undefined)[]; rows: { item: Json; index: number }[] }>();
    for (const [index, item] of itemsOf(ctx, ctx.params.items).entries()) {
      const keys = groupBy.map((field) => readField(item, field));
      const id = keys.map(stableKey).join('|');
      const group = groups.get(id) ?? { keys, rows: [] };
      group.rows.push({ item, index });
      groups.set(id, group);
    }
    const summarize = (rows: { item: Json; index: number }[]): JsonObject => {
      const result: JsonObject = {};
      for (const summary of summaries) result[summary.as ?? defaultName(summary)] = apply(summary, rows);
      return result;
    };
    if (groupBy.length === 0) return { output: summarize([...groups.values()][0]?.rows ?? []) };
    const output: Json[] = [];
    for (const group of groups.values()) {
      const row: JsonObject = {};
      groupBy.forEach((field, i) => setPath(row, field, group.keys[i] ?? null));
      output.push({ ...row, ...summarize(group.rows) });
    }
    return { output };
  },
});

function defaultName(summary: Summary): string {
  return summary.field ? `${summary.op}_${summary.field.path.replace(/\W+/g, '_')}` : summary.op;
}

function apply(summary: Summary, rows: { item: Json; index: number }[]): Json {
  const { op, field } = summary;
  if (op === 'count' && !field) return rows.length;
  const present = rows
    .map(({ item, index }) => ({ value: readField(item, field), index }))
    .filter((v): v is { value: Json; index: number } => v.value !== undefined && v.value !== null);
  switch (op) {
    case 'count':
      return present.length;
    case 'sum':
    case 'avg': {
      const total = present.reduce((sum, v) => sum + toNumber(v.value, v.index, field, op), 0);
      if (op === 'sum') return total;
      return present.length === 0 ? null : total / present.length;
    }
    case 'min':
    case 'max': {
      let best: Json | null = null;
      for (const { value } of present) {
        const order = best === null ? undefined : (compareSameKind(value, best) ?? compareValues(value, best));
        if (best === null || (order !== undefined && (op === 'min' ? order < 0 : order > 0))) best = value;
      }
      return best;
    }
    case 'first':
      return present[0]?.value ?? null;
    case 'last':
      return present.at(-1)?.value ?? null;
    case 'list':
    case 'concatenate': {
      let values = present.map((v) => v.value);
      if (summary.unique) {
        const seen = new Set<string>();
        values = values.filter((v) => !seen.has(stableKey(v)) && Boolean(seen.add(stableKey(v))));
      }
      if (op === 'list') return values;
      return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(summary.separator);
    }
  }
}

function toNumber(value: Json, index: number, field: FieldPath | undefined, op: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  const where = `items[${index}]${field ? `.${field.path}` : ''}`;
  throw inputError(`${where}: ${op} needs numbers, got ${describeValue(value)}`);
}
