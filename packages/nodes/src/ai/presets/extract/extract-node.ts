import { defineNode, type JsonObject } from '@weft/engine';
import { z } from 'zod';
import { jsonSchemaProblem } from '../../llm/structured-output.ts';
import { presetModelParams, presetText, systemPrompt } from '../shared/params.ts';
import { askStructured, quoted } from '../shared/structured-ask.ts';
import { fieldSchema, fieldsToJsonSchema } from './fields-schema.ts';

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Pulls structured data out of free text: named fields, or any JSON Schema. */
export const extractNode = defineNode({
  type: 'extract',
  version: 1,
  category: 'ai',
  title: 'Extract data',
  description:
    'Extracts structured data from `text` with a model. Give either `fields` — `{ name: { type, description?, enum?, required? } }` with type string, number, integer, boolean, date (YYYY-MM-DD) or list (of strings); a value the text does not give is null unless required — or `schema`, any JSON Schema. The answer is validated and sent back to be fixed when it does not match. Output: the extracted object.',
  params: z
    .object({
      text: presetText,
      fields: z
        .record(z.string().regex(FIELD_NAME, 'field names are letters, digits and _'), fieldSchema)
        .refine((f) => Object.keys(f).length > 0, 'name at least one field')
        .optional(),
      schema: z
        .record(z.string(), z.unknown())
        .superRefine((schema, issues) => {
          const problem = jsonSchemaProblem(schema as JsonObject);
          if (problem) issues.addIssue({ code: 'custom', message: `not a usable JSON Schema: ${problem}` });
        })
        .optional()
        .describe('JSON Schema of the object to extract, instead of `fields`.'),
      ...presetModelParams,
      temperature: presetModelParams.temperature.default(0),
    })
    .refine((p) => (p.fields === undefined) !== (p.schema === undefined), {
      message: 'give either `fields` or `schema` (exactly one)',
      path: ['fields'],
    }),
  example: {
    text: '{{ input.email }}',
    fields: {
      customer: { type: 'string', description: 'Full name of the customer' },
      orderNumber: { type: 'string', required: true },
      refundAmount: { type: 'number', description: 'Amount in euros' },
      urgency: { type: 'string', enum: ['low', 'normal', 'high'] },
    },
  },
  async run(ctx) {
    const { text, fields } = ctx.params;
    const schema = fields ? fieldsToJsonSchema(fields) : (ctx.params.schema as JsonObject);
    const task = [
      'You extract data from text into JSON that matches the given JSON Schema.',
      'Take values only from the text: never guess or invent one. Use null for a value the text does not give (when the schema allows null).',
      'Normalize values to their types: numbers without currency signs or thousands separators, dates as YYYY-MM-DD.',
      `The JSON Schema:\n${JSON.stringify(schema)}`,
    ].join('\n');
    const output = await askStructured(ctx, {
      model: ctx.params.model,
      system: systemPrompt(task, ctx.params.instructions),
      prompt: `Extract the data from this text. Answer with the JSON object only.\n\n${quoted('text', text)}`,
      schema,
      temperature: ctx.params.temperature,
      maxTokens: ctx.params.maxTokens,
      retries: ctx.params.schemaRetries,
    });
    return { output };
  },
});
