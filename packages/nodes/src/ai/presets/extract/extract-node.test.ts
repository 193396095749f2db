import { describe, expect, it } from 'vitest';
import { workflow } from '@weft/engine';
import { json, presetEngine } from '../shared/test-support.ts';
import { fieldsToJsonSchema } from './fields-schema.ts';

const EMAIL = 'Hi, this is Dana Reyes. Order #A-1042 arrived broken, I want my 49,90 € back. Not urgent.';

const fields = {
  customer: { type: 'string', description: 'Full name of the customer' },
  orderNumber: { type: 'string', required: true },
  refundAmount: { type: 'number' },
  urgency: { type: 'string', enum: ['low', 'normal', 'high'] },
  deliveredOn: { type: 'date' },
};

const extract = (params: Record<string, unknown>) => workflow('ex').node('ex', 'extract', { text: '{{ input }}', ...params }).build();

describe('extract', () => {
  it('turns fields into a strict JSON Schema, sends it, and outputs the object', async () => {
    const answer = { customer: 'Dana Reyes', orderNumber: 'A-1042', refundAmount: 49.9, urgency: 'low', deliveredOn: null };
    const t = presetEngine([json(answer)]);
    const view = await t.run(extract({ fields }), EMAIL);
    expect(view.run.output).toEqual(answer);
    const request = t.model?.requests[0];
    expect(request?.temperature).toBe(0);
    expect(request?.responseFormat?.schema).toEqual(fieldsToJsonSchema({
      customer: { type: 'string', description: 'Full name of the customer', required: false },
      orderNumber: { type: 'string', required: true },
      refundAmount: { type: 'number', required: false },
      urgency: { type: 'string', enum: ['low', 'normal', 'high'], required: false },
      deliveredOn: { type: 'date', required: false },
    }));
    expect(request?.system).toContain('never guess or invent');
    expect(request?.messages[0]?.content).toContain(EMAIL);
  });

  it('sends back a value outside an enum or a missing required field', async () => {
    const t = presetEngine([
      json({ customer: 'Dana', orderNumber: null, refundAmount: 49.9, urgency: 'whenever', deliveredOn: null }),
      json({ customer: 'Dana', orderNumber: 'A-1042', refundAmount: 49.9, urgency: 'low', deliveredOn: null }),
    ]);
    const view = await t.run(extract({ fields }), EMAIL);
    expect(view.run.output).toMatchObject({ orderNumber: 'A-1042', urgency: 'low' });
    const complaint = t.model?.requests[1]?.messages[2]?.content ?? '';
    expect(complaint).toContain('orderNumber');
    expect(complaint).toContain('urgency');
  });

  it('takes any JSON Schema instead of fields', async () => {
    const schema = {
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } }, required: ['sku', 'qty'] } } },
      required: ['items'],
    };
    const t = presetEngine([json({ items: [{ sku: 'A1', qty: 2 }] })]);
    const view = await t.run(extract({ schema }), '2x A1');
    expect(view.run.output).toEqual({ items: [{ sku: 'A1', qty: 2 }] });
    expect(t.model?.requests[0]?.responseFormat?.schema).toEqual(schema);
  });

  it.each([
    { name: 'neither fields nor schema', params: {}, path: 'nodes[0].params.fields' },
    { name: 'both fields and schema', params: { fields, schema: { type: 'object' } }, path: 'nodes[0].params.fields' },
    { name: 'an unknown field type', params: { fields: { a: { type: 'money' } } }, path: 'nodes[0].params.fields.a.type' },
    { name: 'a field name with spaces', params: { fields: { 'order no': { type: 'string' } } }, path: 'nodes[0].params.fields' },
    { name: 'an unusable schema', params: { schema: { type: 'object', properties: { a: { $ref: '#/nowhere' } } } }, path: 'nodes[0].params.schema' },
  ])('rejects $name at validation', async ({ params, path }) => {
    const t = presetEngine([]);
    const error = await t.run(extract(params)).catch((e: unknown) => e);
    const problems = (error as { problems?: { path: string }[] }).problems ?? [];
    expect(problems.map((p) => p.path).filter((p) => p.startsWith(path))).not.toEqual([]);
  });
});

describe('fieldsToJsonSchema', () => {
  it('makes optional fields nullable, lists arrays of strings, and dates patterned strings', () => {
    expect(
      fieldsToJsonSchema({
        tags: { type: 'list', enum: ['a', 'b'], required: true },
        paid: { type: 'boolean', required: false },
        on: { type: 'date', required: true },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
        paid: { anyOf: [{ type: 'boolean' }, { type: 'null' }] },
        on: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'ISO 8601 date (YYYY-MM-DD)' },
      },
      required: ['tags', 'paid', 'on'],
      additionalProperties: false,
    });
  });
});
