import { describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { errorOf, outputOf, problemsOf } from '../shared/test-support.ts';

const orders: Json[] = [
  { id: 'o1', customer: { id: 'c1' }, total: 10, tag: 'new', at: '2024-05-02' },
  { id: 'o2', customer: { id: 'c2' }, total: '5.5', tag: 'vip', at: '2024-05-01' },
  { id: 'o3', customer: { id: 'c1' }, total: 20, tag: 'new', at: '2024-04-30' },
  { id: 'o4', customer: { id: 'c1' }, total: null },
];

describe('aggregate', () => {
  it.each<{ name: string; params: Record<string, unknown>; output: Json }>([
    {
      name: 'a summary of the whole list',
      params: {
        summaries: [
          { op: 'count' },
          { op: 'count', field: 'total', as: 'withTotal' },
          { op: 'sum', field: 'total' },
          { op: 'avg', field: 'total' },
          { op: 'min', field: 'at' },
          { op: 'max', field: 'total' },
          { op: 'first', field: 'id' },
          { op: 'last', field: 'id' },
        ],
      },
      output: { count: 4, withTotal: 3, sum_total: 35.5, avg_total: 35.5 / 3, min_at: '2024-04-30', max_total: 20, first_id: 'o1', last_id: 'o4' },
    },
    {
      name: 'groups by a nested field, in order of first appearance',
      params: {
        groupBy: ['customer.id'],
        summaries: [{ op: 'count', as: 'orders' }, { op: 'sum', field: 'total', as: 'revenue' }, { op: 'list', field: 'id', as: 'ids' }],
      },
      output: [
        { customer: { id: 'c1' }, orders: 3, revenue: 30, ids: ['o1', 'o3', 'o4'] },
        { customer: { id: 'c2' }, orders: 1, revenue: 5.5, ids: ['o2'] },
      ],
    },
    {
      name: 'list and concatenate, unique or not',
      params: {
        summaries: [
          { op: 'list', field: 'tag', unique: true, as: 'tags' },
          { op: 'concatenate', field: 'tag', as: 'all' },
          { op: 'concatenate', field: 'tag', separator: '|', unique: true, as: 'joined' },
        ],
      },
      output: { tags: ['new', 'vip'], all: 'new, vip, new', joined: 'new|vip' },
    },
    {
      name: 'an empty list',
      params: { summaries: [{ op: 'count' }, { op: 'sum', field: 'x' }, { op: 'avg', field: 'x' }, { op: 'min', field: 'x' }, { op: 'list', field: 'x' }] },
      output: { count: 0, sum_x: 0, avg_x: null, min_x: null, list_x: [] },
    },
  ])('$name', async ({ name, params, output }) => {
    const items = name === 'an empty list' ? [] : orders;
    expect(await outputOf('aggregate', { items: '{{ input }}', ...params }, items)).toEqual(output);
  });

  it('groups by several fields, missing ones as null', async () => {
    const output = await outputOf('aggregate', { items: '{{ input }}', groupBy: ['a', 'b'], summaries: [{ op: 'count' }] }, [{ a: 1, b: 1 }, { a: 1 }, { a: 1, b: 1 }]);
    expect(output).toEqual([{ a: 1, b: 1, count: 2 }, { a: 1, b: null, count: 1 }]);
  });

  it('fails clearly when a sum meets text', async () => {
    const error = await errorOf('aggregate', { items: '{{ input }}', summaries: [{ op: 'sum', field: 'n' }] }, [{ n: 1 }, { n: 'lots' }]);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: 'items[1].n: sum needs numbers, got a string ("lots")' });
  });

  it('rejects an unknown op and a bad group path at validation', () => {
    expect(problemsOf('aggregate', { items: [], groupBy: ['a.'], summaries: [{ op: 'median' }] })).toEqual([
      { path: 'nodes[0].params.groupBy[0]', message: expect.stringMatching(/ends with \./) },
      { path: 'nodes[0].params.summaries[0].op', message: expect.any(String) },
    ]);
  });
});
