import { defineNode, isJsonObject, type Json, type JsonObject } from '@weft/engine';
import { z } from 'zod';
import { fieldPathSchema, getPath, setPath } from '../shared/field-path.ts';
import { describeValue, inputError } from '../shared/items.ts';
import { passThrough } from '../../flow/passthrough.ts';

/** Turns a list field of an object into items. */
export const splitOutNode = defineNode({
  type: 'split_out',
  version: 1,
  category: 'data',
  title: 'Split out',
  description:
    'Turns the list at `field` of an object (or of each object in a list) into one item per element. Object elements become items as they are, other elements go under `destination` (default: the last key of `field`); `include` copies parent fields onto every item. Missing or empty lists give no items. Output: the items.',
  params: z.object({
    value: z.unknown().optional().describe('An object or a list of objects; default: the node input.'),
    field: fieldPathSchema,
    include: z.array(fieldPathSchema).default([]).describe('Parent field paths copied onto every item.'),
    destination: fieldPathSchema.optional().describe('Where each element goes; default: merged when an object, else the last key of `field`.'),
  }),
  example: { value: '{{ steps.order.output }}', field: 'lines', include: ['orderId', 'customer.email'] },
  async run(ctx) {
    const { field, include, destination } = ctx.params;
    const source = (ctx.params.value ?? passThrough(ctx.inputs)) as Json;
    const parents = Array.isArray(source) ? source : [source];
    const output: Json[] = [];
    parents.forEach((parent, p) => {
      const where = Array.isArray(source) ? `value[${p}]` : 'value';
      if (!isJsonObject(parent)) throw inputError(`${where}: expected an object holding '${field.path}', got ${describeValue(parent)}`);
      const list = getPath(parent, field.keys);
      if (list === undefined || list === null) return;
      if (!Array.isArray(list)) throw inputError(`${where}.${field.path}: expected a list to split out, got ${describeValue(list)}`);
      for (const element of list) {
        let item: JsonObject = {};
        for (const path of include) {
          const value = getPath(parent, path.keys);
          if (value !== undefined) setPath(item, path, structuredClone(value));
        }
        // Spread, not Object.assign: an own `__proto__` key in the data must stay a plain key.
        if (!destination && isJsonObject(element)) item = { ...item, ...structuredClone(element) };
        else {
          const name = String(field.keys.at(-1) ?? 'value');
          setPath(item, destination ?? { path: name, keys: [name] }, structuredClone(element));
        }
        output.push(item);
      }
    });
    return { output };
  },
});
