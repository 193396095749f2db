import { defineNode, WeftError, type Json } from '@weft/engine';
import { z } from 'zod';
import { passThrough } from '../../flow/passthrough.ts';
import { describeValue, inputError } from '../shared/items.ts';
import { parsePlaceholders, renderPlaceholders, TemplateError } from './placeholder-template.ts';

const templateSchema = z.string().superRefine((template, ctx) => {
  try {
    parsePlaceholders(template);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
  }
});

/** Fills a text template from data with `%{path}` placeholders; nothing is evaluated. */
export const textTemplateNode = defineNode({
  type: 'text_template',
  version: 1,
  category: 'data',
  title: 'Text template',
  description:
    'Fills `template` from `data` with placeholders that are looked up, never evaluated: `%{user.name}` inserts a field (lists and objects as JSON, missing as nothing), `%{#items}…%{/items}` repeats per list element (`%{.}` the element, `%{@index}` its position; fields are looked up in the element first), `%{^items}…%{/items}` shows when empty or missing, `%%{` is a literal `%{`. The template is taken as written: `{{ }}` in it is not rendered, so data can never inject expressions. With `perItem`, `data` must be a list and the output is one text per item; otherwise one text.',
  params: z.object({
    template: templateSchema.describe('Text with %{path} placeholders (not rendered by the engine).'),
    data: z.unknown().optional().describe('What placeholders read, e.g. "{{ steps.fetch.output }}"; default: the node input.'),
    perItem: z.boolean().default(false),
  }),
  rawParams: ['template'],
  example: {
    template: 'Hi %{customer.name},\n%{#lines}- %{qty} × %{title}\n%{/lines}%{^lines}Your cart is empty.%{/lines}',
    data: '{{ steps.order.output }}',
  },
  async run(ctx) {
    const { template, perItem } = ctx.params;
    const data = (ctx.params.data === undefined ? passThrough(ctx.inputs) : ctx.params.data) as Json;
    const tree = parsePlaceholders(template);
    try {
      if (!perItem) return { output: renderPlaceholders(tree, data) };
      if (!Array.isArray(data)) throw inputError(`params.data: perItem needs a list of items, got ${describeValue(data)}`);
      return { output: data.map((item, index) => renderPlaceholders(tree, item, index)) };
    } catch (error) {
      if (error instanceof TemplateError) throw new WeftError('INVALID_INPUT', `params.template: ${error.message}`, { retryable: false });
      throw error;
    }
  },
});
