import { defineNode, type Json } from '@weft/engine';
import { z } from 'zod';
import { describeValue, inputError } from '../shared/items.ts';
import { findJsonError } from './json-error.ts';

/** Parses JSON text, or writes a value as JSON text. */
export const jsonNode = defineNode({
  type: 'json',
  version: 1,
  category: 'data',
  title: 'JSON',
  description:
    '`parse`: reads a JSON string into a value (a syntax error names the line, column and a snippet). `stringify`: writes any value as JSON text, compact or `pretty` (indented by `indent` spaces). The text is data: nothing in it is evaluated.',
  params: z.discriminatedUnion('operation', [
    z.object({ operation: z.literal('parse'), value: z.unknown().describe('The JSON text, e.g. "{{ steps.llm.output }}".') }),
    z.object({
      operation: z.literal('stringify'),
      value: z.unknown().describe('Any JSON value.'),
      pretty: z.boolean().default(false),
      indent: z.number().int().min(1).max(10).default(2),
    }),
  ]),
  example: { operation: 'parse', value: '{{ steps.llm.output.text }}' },
  async run(ctx) {
    const p = ctx.params;
    if (p.operation === 'stringify') return { output: JSON.stringify(p.value ?? null, null, p.pretty ? p.indent : undefined) };
    if (typeof p.value !== 'string') throw inputError(`params.value: expected JSON text (a string) to parse, got ${describeValue(p.value)}`);
    return { output: parseJson(p.value) };
  },
});

/** JSON.parse with an error that says where the text went wrong. */
export function parseJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    if (text.trim() === '') throw inputError('params.value: cannot parse JSON: the text is empty');
    const found = findJsonError(text);
    if (!found) throw inputError(`params.value: invalid JSON: ${(error as Error).message}`);
    const { position, expected } = found;
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    const got = position >= text.length ? 'the end of the text' : JSON.stringify(text.slice(position, position + 1));
    const snippet = text.slice(Math.max(0, position - 20), position + 20).replace(/\s+/g, ' ');
    throw inputError(
      `params.value: invalid JSON at line ${line}, column ${column} (position ${position}): expected ${expected}, got ${got}, near ${JSON.stringify(snippet)}`,
    );
  }
}
