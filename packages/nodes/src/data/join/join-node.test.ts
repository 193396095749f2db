import { describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { errorOf, outputOf, problemsOf } from '../shared/test-support.ts';

const orders: Json[] = [
  { id: 'o1', customerId: 1 },
  { id: 'o2', customerId: 2 },
  { id: 'o3', customerId: 1 },
  { id: 'o4', customerId: null },
];
const customers: Json[] = [
  { customerId: 1, name: 'Ada' },
  { customerId: 3, name: 'Zed' },
];

describe('join', () => {
  it.each<{ mode: string; output: Json }>([
    { mode: 'inner', output: [{ id: 'o1', customerId: 1, name: 'Ada' }, { id: 'o3', customerId: 1, name: 'Ada' }] },
    {
      mode: 'left',
      output: [{ id: 'o1', customerId: 1, name: 'Ada' }, { id: 'o2', customerId: 2 }, { id: 'o3', customerId: 1, name: 'Ada' }, { id: 'o4', customerId: null }],
    },
    { mode: 'right', output: [{ id: 'o1', customerId: 1, name: 'Ada' }, { id: 'o3', customerId: 1, name: 'Ada' }, { customerId: 3, name: 'Zed' }] },
    {
      mode: 'outer',
      output: [
        { id: 'o1', customerId: 1, name: 'Ada' },
        { id: 'o2', customerId: 2 },
        { id: 'o3', customerId: 1, name: 'Ada' },
        { id: 'o4', customerId: null },
        { customerId: 3, name: 'Zed' },
      ],
    },
  ])('$mode join on a key', async ({ mode, output }) => {
    expect(await outputOf('join', { mode, left: '{{ input.orders }}', right: '{{ input.customers }}', on: 'customerId' }, { orders, customers })).toEqual(output);
  });

  it('joins on differently named keys, as pairs', async () => {
    const output = await outputOf('join', {
      mode: 'left',
      left: [{ id: 'o1', c: { id: 1 } }, { id: 'o2', c: { id: 9 } }],
      right: [{ id: 1, name: 'Ada' }],
      leftKey: 'c.id',
      rightKey: 'id',
      output: 'pair',
    });
    expect(output).toEqual([
      { left: { id: 'o1', c: { id: 1 } }, right: { id: 1, name: 'Ada' } },
      { left: { id: 'o2', c: { id: 9 } }, right: null },
    ]);
  });

  it.each<{ output: string; left: Json[]; right: Json[]; expected: Json }>([
    { output: 'merge', left: [{ a: 1 }, { a: 2 }], right: [{ b: 1 }], expected: [{ a: 1, b: 1 }, { a: 2 }] },
    { output: 'pair', left: ['x', 'y'], right: [1, 2, 3], expected: [{ left: 'x', right: 1 }, { left: 'y', right: 2 }, { left: null, right: 3 }] },
  ])('zips by position ($output)', async ({ output, left, right, expected }) => {
    expect(await outputOf('join', { mode: 'zip', left, right, output })).toEqual(expected);
  });

  it('fails clearly when merging values that are not objects', async () => {
    const error = await errorOf('join', { mode: 'zip', left: '{{ input }}', right: [{}] }, [5]);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: 'left[0]: output merge needs objects, got a number (5); use output: pair' });
  });

  it('fails clearly when a side is not a list', async () => {
    const error = await errorOf('join', { mode: 'inner', on: 'id', left: '{{ input }}', right: [] }, 'nope');
    expect(error.message).toMatch(/params\.left: expected a list of items .*got a string \("nope"\)/);
  });

  it('rejects a key join without a key at validation', () => {
    expect(problemsOf('join', { mode: 'inner', left: [], right: [] })).toEqual([{ path: 'nodes[0].params.on', message: expect.stringMatching(/needs `on`/) }]);
  });
});
