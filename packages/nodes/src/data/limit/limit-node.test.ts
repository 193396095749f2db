import { describe, expect, it } from 'vitest';
import { errorOf, outputOf, problemsOf } from '../shared/test-support.ts';

const items = [1, 2, 3, 4, 5, 6];

describe('limit', () => {
  it.each<{ params: Record<string, unknown>; output: number[] }>([
    { params: { count: 2 }, output: [1, 2] },
    { params: { count: 2, offset: 3 }, output: [4, 5] },
    { params: { count: 10, offset: 4 }, output: [5, 6] },
    { params: { count: 2, from: 'end' }, output: [5, 6] },
    { params: { count: 2, from: 'end', offset: 1 }, output: [4, 5] },
    { params: { count: 3, from: 'end', offset: 5 }, output: [1] },
    { params: { count: 0 }, output: [] },
    { params: { count: 2, offset: 99 }, output: [] },
  ])('$params gives $output', async ({ params, output }) => {
    expect(await outputOf('limit', { items: '{{ input }}', ...params }, items)).toEqual(output);
  });

  it('rejects a negative count at validation', () => {
    expect(problemsOf('limit', { items: [], count: -1 })).toEqual([{ path: 'nodes[0].params.count', message: expect.any(String) }]);
  });

  it('fails clearly when the items are text', async () => {
    const error = await errorOf('limit', { items: '{{ input }}', count: 1 }, 'abc');
    expect(error.message).toMatch(/params\.items: expected a list of items .*got a string \("abc"\)/);
  });
});
