// Conditions on item fields, as the filter node writes them: `{ field, op, value }`.
import type { Json } from '@weft/engine';
import { z } from 'zod';
import { compareSameKind, jsonEqual } from './compare.ts';
import { fieldPathSchema, readField } from './field-path.ts';
import { testSafePattern, unsafePatternReason } from './safe-regex.ts';

const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'startsWith', 'endsWith', 'in', 'exists', 'notExists', 'matches'] as const;

/** One condition on a field of an item. */
export const conditionSchema = z
  .object({
    field: fieldPathSchema.optional().describe('Field path to test; omit to test the item itself.'),
    op: z.enum(OPS).default('eq'),
    value: z.unknown().optional().describe('What to compare with (a list for `in`, a regex for `matches`).'),
    ignoreCase: z.boolean().default(false).describe('Compare strings case-insensitively.'),
  })
  .superRefine((condition, ctx) => {
    const { op, value } = condition;
    if (op === 'exists' || op === 'notExists') return;
    if (value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `required for op '${op}'` });
    else if (op === 'in' && !Array.isArray(value)) ctx.addIssue({ code: 'custom', path: ['value'], message: "op 'in' needs a list of values" });
    else if (op === 'matches') {
      const reason = typeof value === 'string' ? unsafePatternReason(value) : 'op \'matches\' needs a regular expression string';
      if (reason) ctx.addIssue({ code: 'custom', path: ['value'], message: reason });
    }
  });

/** A parsed condition. */
export type Condition = z.output<typeof conditionSchema>;

function fold(value: Json | undefined, ignoreCase: boolean): Json | undefined {
  return ignoreCase && typeof value === 'string' ? value.toLowerCase() : value;
}

/** True when `item` satisfies `condition`. Values of the wrong kind simply do not match. */
export function testCondition(item: Json, condition: Condition): boolean {
  const { op, ignoreCase } = condition;
  const raw = readField(item, condition.field);
  const actual = fold(raw, ignoreCase);
  const expected = fold(condition.value as Json | undefined, ignoreCase);
  switch (op) {
    case 'exists':
      return raw !== undefined && raw !== null;
    case 'notExists':
      return raw === undefined || raw === null;
    case 'eq':
      return jsonEqual(actual, expected);
    case 'ne':
      return !jsonEqual(actual, expected);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const order = compareSameKind(actual, expected);
      if (order === undefined) return false;
      return op === 'gt' ? order > 0 : op === 'gte' ? order >= 0 : op === 'lt' ? order < 0 : order <= 0;
    }
    case 'contains':
      if (typeof actual === 'string') return typeof expected === 'string' && actual.includes(expected);
      return Array.isArray(raw) && raw.some((element) => jsonEqual(fold(element, ignoreCase), expected));
    case 'startsWith':
      return typeof actual === 'string' && typeof expected === 'string' && actual.startsWith(expected);
    case 'endsWith':
      return typeof actual === 'string' && typeof expected === 'string' && actual.endsWith(expected);
    case 'in':
      return Array.isArray(expected) && expected.some((candidate) => jsonEqual(actual, fold(candidate, ignoreCase)));
    case 'matches':
      return typeof raw === 'string' && testSafePattern(String(condition.value), raw, ignoreCase);
  }
}
