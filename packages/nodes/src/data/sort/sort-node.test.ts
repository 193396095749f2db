import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { errorOf, outputOf, problemsOf } from '../shared/test-support.ts';

describe('sort', () => {
  it.each<{ name: string; items: Json[]; by?: unknown[]; output: Json[] }>([
    { name: 'numbers numerically', items: [10, 9, 100, -1], output: [-1, 9, 10, 100] },
    { name: 'text naturally', items: ['item10', 'item2', 'Apple', 'banana'], output: ['Apple', 'banana', 'item2', 'item10'] },
    { name: 'nulls last ascending', items: [{ a: 2 }, { a: null }, {}, { a: 1 }], by: [{ field: 'a' }], output: [{ a: 1 }, { a: 2 }, { a: null }, {}] },
    { name: 'nulls last descending', items: [{ a: null }, { a: 1 }, { a: 2 }], by: [{ field: 'a', order: 'desc' }], output: [{ a: 2 }, { a: 1 }, { a: null }] },
    {
      name: 'ISO dates by time',
      items: [{ d: '2024-01-02T00:00:00+05:00' }, { d: '2024-01-01T20:00:00Z' }, { d: '2023-12-31' }],
      by: [{ field: 'd' }],
      // 2024-01-02T00:00+05:00 is 19:00Z on the 1st: by time, not by text.
      output: [{ d: '2023-12-31' }, { d: '2024-01-02T00:00:00+05:00' }, { d: '2024-01-01T20:00:00Z' }],
    },
    {
      name: 'several keys, stable for ties',
      items: [{ g: 'b', n: 1, id: 1 }, { g: 'a', n: 2, id: 2 }, { g: 'b', n: 2, id: 3 }, { g: 'a', n: 2, id: 4 }],
      by: [{ field: 'g' }, { field: 'n', order: 'desc' }],
      output: [{ g: 'a', n: 2, id: 2 }, { g: 'a', n: 2, id: 4 }, { g: 'b', n: 2, id: 3 }, { g: 'b', n: 1, id: 1 }],
    },
    { name: 'numeric strings as numbers', items: [{ p: '10' }, { p: '9' }], by: [{ field: 'p', type: 'number' }], output: [{ p: '9' }, { p: '10' }] },
  ])('$name', async ({ items, by, output }) => {
    expect(await outputOf('sort', { items: '{{ input }}', ...(by ? { by } : {}) }, items)).toEqual(output);
  });

  it('rejects a bad key path at validation', () => {
    expect(problemsOf('sort', { items: [], by: [{ field: 'a]' }] })).toEqual([
      { path: 'nodes[0].params.by[0].field', message: expect.stringMatching(/unexpected \]/) },
    ]);
  });

  it('fails with the param path when a templated key path renders to a bad path', async () => {
    const error = await errorOf('sort', { items: [], by: [{ field: '{{ input }}' }] }, 'a..b');
    expect(error).toMatchObject({ code: 'INVALID_PARAMS', retryable: false });
    expect(error.message).toMatch(/params\.by\[0\]\.field: bad field path 'a\.\.b': empty key/);
  });

  it('is a stable permutation with keys in order (property)', async () => {
    const item = fc.record({ k: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(null)), id: fc.nat() });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 25 }), fc.boolean(), async (items, desc) => {
        const tagged = items.map((x, i) => ({ ...x, id: i }));
        const sorted = (await outputOf('sort', { items: '{{ input }}', by: [{ field: 'k', order: desc ? 'desc' : 'asc' }] }, tagged)) as typeof tagged;
        expect([...sorted].sort((a, b) => a.id - b.id)).toEqual(tagged);
        for (let i = 1; i < sorted.length; i += 1) {
          const [a, b] = [sorted[i - 1] as (typeof tagged)[number], sorted[i] as (typeof tagged)[number]];
          if (a.k === null) expect(b.k).toBeNull();
          else if (b.k !== null) {
            expect(desc ? a.k >= b.k : a.k <= b.k).toBe(true);
            if (a.k === b.k) expect(a.id).toBeLessThan(b.id);
          }
          if (a.k === null && b.k === null) expect(a.id).toBeLessThan(b.id);
        }
      }),
      { numRuns: 30 },
    );
  });
});
