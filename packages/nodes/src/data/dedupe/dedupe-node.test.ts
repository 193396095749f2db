import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { stableKey } from '../shared/compare.ts';
import { outputOf, problemsOf } from '../shared/test-support.ts';

const contacts: Json[] = [
  { email: 'a@x.io', name: 'A1', tags: { vip: true } },
  { email: 'b@x.io', name: 'B1' },
  { email: 'a@x.io', name: 'A2', tags: { vip: true } },
  { email: 'b@x.io', name: 'B1' },
];

describe('dedupe', () => {
  it.each<{ name: string; params: Record<string, unknown>; names: string[] }>([
    { name: 'whole items', params: {}, names: ['A1', 'B1', 'A2'] },
    { name: 'by a field, keeping the first', params: { fields: ['email'] }, names: ['A1', 'B1'] },
    { name: 'by a field, keeping the last', params: { fields: ['email'], keep: 'last' }, names: ['A2', 'B1'] },
    { name: 'by a nested object field, deeply', params: { fields: ['tags'] }, names: ['A1', 'B1'] },
    { name: 'by several fields', params: { fields: ['email', 'name'] }, names: ['A1', 'B1', 'A2'] },
  ])('$name', async ({ params, names }) => {
    const output = (await outputOf('dedupe', { items: '{{ input }}', ...params }, contacts)) as { name: string }[];
    expect(output.map((c) => c.name)).toEqual(names);
  });

  it('compares object keys in any order and keeps 1 apart from "1"', async () => {
    expect(await outputOf('dedupe', { items: [{ a: 1, b: 2 }, { b: 2, a: 1 }, 1, '1', 1] })).toEqual([{ a: 1, b: 2 }, 1, '1']);
  });

  it('rejects a bad field path at validation', () => {
    expect(problemsOf('dedupe', { items: [], fields: ['prototype'] })).toEqual([
      { path: 'nodes[0].params.fields[0]', message: expect.stringMatching(/not allowed/) },
    ]);
  });

  it('gives unique keys, a subset of the input, one per key (property)', async () => {
    const item = fc.record({ k: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('a', 'b'), fc.constant(null)), v: fc.nat(9) });
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 25 }), fc.constantFrom('first', 'last'), async (items, keep) => {
        const output = (await outputOf('dedupe', { items: '{{ input }}', fields: ['k'], keep }, items)) as typeof items;
        const keys = output.map((o) => stableKey(o.k));
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(new Set(items.map((i) => stableKey(i.k))));
        for (const o of output) expect(items).toContainEqual(o);
      }),
      { numRuns: 30 },
    );
  });
});
