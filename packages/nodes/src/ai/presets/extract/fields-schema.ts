import type { JsonObject } from '@weft/engine';
import { z } from 'zod';

/** Value types a field of the `extract` node can have. */
export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'list'] as const;

/** One field to extract: its type, what it means, and optionally the values it may take. */
export const fieldSchema = z
  .object({
    type: z.enum(FIELD_TYPES).default('string'),
    description: z.string().optional(),
    enum: z.array(z.string()).min(1).optional().describe('The only values allowed (strings).'),
    required: z.boolean().default(false).describe('When false (default) the value is null if the text does not give it.'),
  })
  .strict();

/** Fields by name, as the `extract` node takes them. */
export type FieldSpecs = Record<string, z.output<typeof fieldSchema>>;

/**
 * The JSON Schema of an object with these fields: every key present (a missing value is `null` unless
 * the field is required) and no others, which is also what OpenAI's strict structured outputs accept.
 *
 * @example
 * fieldsToJsonSchema({ total: { type: 'number', required: true } })
 * // { type: 'object', properties: { total: { type: 'number' } }, required: ['total'], additionalProperties: false }
 */
export function fieldsToJsonSchema(fields: FieldSpecs): JsonObject {
  const properties: JsonObject = {};
  for (const [name, field] of Object.entries(fields)) {
    const value = valueSchema(field);
    if (field.description) value.description = field.description;
    properties[name] = field.required ? value : { anyOf: [value, { type: 'null' }], ...(field.description ? { description: field.description } : {}) };
  }
  return { type: 'object', properties, required: Object.keys(fields), additionalProperties: false };
}

function valueSchema(field: z.output<typeof fieldSchema>): JsonObject {
  const choices: JsonObject = field.enum ? { enum: field.enum } : {};
  switch (field.type) {
    case 'date':
      return { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'ISO 8601 date (YYYY-MM-DD)' };
    case 'list':
      return { type: 'array', items: { type: 'string', ...choices } };
    case 'string':
      return { type: 'string', ...choices };
    default:
      return { type: field.type };
  }
}
