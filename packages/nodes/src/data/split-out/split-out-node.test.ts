import { describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { errorOf, outputOf, problemsOf } from '../shared/test-support.ts';

const order: Json = { orderId: 7, customer: { email: 'a@x.io' }, lines: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }], tags: ['x', 'y'] };

describe('split_out', () => {
  it.each<{ name: string; params: Record<string, unknown>; value: Json; output: Json }>([
    { name: 'object elements become items', params: { field: 'lines' }, value: order, output: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 2 }] },
    {
      name: 'with parent fields, nested ones too',
      params: { field: 'lines', include: ['orderId', 'customer.email'] },
      value: order,
      output: [{ orderId: 7, customer: { email: 'a@x.io' }, sku: 'A', qty: 1 }, { orderId: 7, customer: { email: 'a@x.io' }, sku: 'B', qty: 2 }],
    },
    { name: 'other elements go under the field name', params: { field: 'tags', include: ['orderId'] }, value: order, output: [{ orderId: 7, tags: 'x' }, { orderId: 7, tags: 'y' }] },
    { name: 'or under a destination', params: { field: 'lines', destination: 'line' }, value: order, output: [{ line: { sku: 'A', qty: 1 } }, { line: { sku: 'B', qty: 2 } }] },
    { name: 'a list of parents', params: { field: 'xs', include: ['id'] }, value: [{ id: 1, xs: [1, 2] }, { id: 2, xs: [] }, { id: 3 }], output: [{ id: 1, xs: 1 }, { id: 1, xs: 2 }] },
  ])('$name', async ({ params, value, output }) => {
    expect(await outputOf('split_out', { value: '{{ input }}', ...params }, value)).toEqual(output);
  });

  it('keeps an own __proto__ key in the data as a plain key', async () => {
    const value = JSON.parse('{"xs":[{"__proto__":{"polluted":true},"a":1}]}') as Json;
    const output = (await outputOf('split_out', { value: '{{ input }}', field: 'xs' }, value)) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(output[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('fails clearly when the field is not a list', async () => {
    const error = await errorOf('split_out', { value: '{{ input }}', field: 'orderId' }, order);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: 'value.orderId: expected a list to split out, got a number (7)' });
  });

  it('fails clearly when a parent is not an object', async () => {
    const error = await errorOf('split_out', { value: '{{ input }}', field: 'xs' }, [{ xs: [] }, 3]);
    expect(error.message).toBe("value[1]: expected an object holding 'xs', got a number (3)");
  });

  it('rejects a missing field at validation', () => {
    expect(problemsOf('split_out', { value: {} })).toEqual([{ path: 'nodes[0].params.field', message: expect.any(String) }]);
  });
});
