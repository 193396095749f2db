import { defineNode, type Json } from '@weft/engine';
import { z } from 'zod';

/** Joins branches: waits for every live branch, then combines their outputs. */
export const mergeNode = defineNode({
  type: 'merge',
  version: 1,
  category: 'flow',
  title: 'Merge',
  description:
    'Waits for every branch that was taken (skipped branches do not hold it up) and combines their outputs: `object` (by node id), `append` (arrays concatenated, other values added as items) or `first` (the first non-null).',
  params: z.object({ mode: z.enum(['object', 'append', 'first']).default('object') }),
  example: { mode: 'append' },
  async run(ctx) {
    const inputs = ctx.inputs;
    if (ctx.params.mode === 'object') return { output: inputs };
    const values = Object.values(inputs);
    if (ctx.params.mode === 'first') return { output: values.find((v) => v !== null) ?? null };
    const items: Json[] = [];
    for (const value of values) {
      if (Array.isArray(value)) items.push(...value);
      else items.push(value);
    }
    return { output: items };
  },
});
