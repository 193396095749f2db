import { defineNode, hasTemplateSyntax, isJsonObject, type Json, type JsonObject } from '@weft/engine';
import { z } from 'zod';
import { deletePath, fieldPathSchema, getPath, parseFieldPath, setPath, tryParseFieldPath } from '../shared/field-path.ts';
import { copyJson, itemsOf, itemsSchema, objectItem } from '../shared/items.ts';

const valuesSchema = z
  .record(z.string(), z.unknown())
  .superRefine((values, ctx) => {
    for (const key of Object.keys(values)) {
      const parsed = tryParseFieldPath(key);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path: [key], message: parsed.message });
    }
  })
  .optional()
  .describe('Field path → value. Values may use {{ item }} and {{ index }}, rendered per item.');

/** Sets, removes or keeps fields on every item. */
export const setNode = defineNode({
  type: 'set',
  version: 1,
  category: 'data',
  title: 'Edit fields',
  description:
    'Edits every item of a list: `keep` (only these field paths stay), then `values` (field path → value; templates are rendered once per item with `{{ item }}` and `{{ index }}`), then `remove`. Output: the edited items; the input is not changed.',
  params: z.object({
    items: itemsSchema,
    values: valuesSchema,
    remove: z.array(fieldPathSchema).default([]),
    keep: z.array(fieldPathSchema).optional().describe('When set, only these fields are kept (before `values`).'),
  }),
  rawParams: ['values'],
  example: {
    items: '{{ steps.fetch.output }}',
    values: { fullName: '{{ item.first }} {{ item.last }}', 'meta.position': '{{ index }}', source: 'crm' },
    remove: ['password'],
  },
  async run(ctx) {
    const { values, remove, keep } = ctx.params;
    const entries = Object.entries(values ?? {}).map(([key, value]) => ({ field: parseFieldPath(key), value }));
    const templated = entries.some(({ value }) => holdsTemplate(value));
    const output: Json[] = [];
    for (const [index, item] of itemsOf(ctx, ctx.params.items).entries()) {
      const source = objectItem(item, index, 'to edit fields on');
      let edited: JsonObject;
      if (keep) {
        edited = {};
        for (const field of keep) {
          const value = getPath(source, field.keys);
          if (value !== undefined) setPath(edited, field, copyJson(value));
        }
      } else edited = copyJson(source);
      const rendered = templated ? await ctx.render(values, { item, index }) : (values as Json | undefined);
      for (const { field } of entries) {
        const value = isJsonObject(rendered) ? rendered[field.path] : undefined;
        setPath(edited, field, value ?? null);
      }
      for (const field of remove) deletePath(edited, field.keys);
      output.push(edited);
    }
    return { output };
  },
});

function holdsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return hasTemplateSyntax(value);
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (isJsonObject(value)) return Object.values(value).some(holdsTemplate);
  return false;
}
