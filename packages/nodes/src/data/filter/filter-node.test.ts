import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workflow, type Json } from '@weft/engine';
import { createTestEngine } from '../../testing/index.ts';
import { dataNodes } from '../index.ts';
import { errorOf, outputOf, problemsOf, runNode } from '../shared/test-support.ts';

const people: Json[] = [
  { name: 'Ada', age: 36, tags: ['math', 'code'], address: { city: 'London' }, joined: '2024-03-01' },
  { name: 'Grace', age: 85, tags: ['navy'], address: { city: 'New York' }, joined: '2023-12-24' },
  { name: 'linus', age: 28, tags: [], address: null },
  { name: 'Alan', age: null, tags: ['code'], address: { city: 'Wilmslow' } },
];
const names = (output: Json) => (output as { name: string }[]).map((p) => p.name);

describe('filter', () => {
  it.each<{ name: string; conditions: unknown[]; combine?: string; kept: string[] }>([
    { name: 'eq', conditions: [{ field: 'name', op: 'eq', value: 'Ada' }], kept: ['Ada'] },
    { name: 'eq ignoring case', conditions: [{ field: 'name', value: 'LINUS', ignoreCase: true }], kept: ['linus'] },
    { name: 'ne', conditions: [{ field: 'name', op: 'ne', value: 'Ada' }], kept: ['Grace', 'linus', 'Alan'] },
    { name: 'gt skips null', conditions: [{ field: 'age', op: 'gt', value: 30 }], kept: ['Ada', 'Grace'] },
    { name: 'lte', conditions: [{ field: 'age', op: 'lte', value: 36 }], kept: ['Ada', 'linus'] },
    { name: 'dates compare as dates', conditions: [{ field: 'joined', op: 'gte', value: '2024-01-01' }], kept: ['Ada'] },
    { name: 'nested path', conditions: [{ field: 'address.city', op: 'startsWith', value: 'New' }], kept: ['Grace'] },
    { name: 'index path', conditions: [{ field: 'tags[0]', op: 'eq', value: 'code' }], kept: ['Alan'] },
    { name: 'contains on a list', conditions: [{ field: 'tags', op: 'contains', value: 'code' }], kept: ['Ada', 'Alan'] },
    { name: 'contains on text', conditions: [{ field: 'name', op: 'contains', value: 'ra' }], kept: ['Grace'] },
    { name: 'endsWith', conditions: [{ field: 'address.city', op: 'endsWith', value: 'slow' }], kept: ['Alan'] },
    { name: 'in', conditions: [{ field: 'name', op: 'in', value: ['Ada', 'Alan', 'Zed'] }], kept: ['Ada', 'Alan'] },
    { name: 'exists', conditions: [{ field: 'address.city', op: 'exists' }], kept: ['Ada', 'Grace', 'Alan'] },
    { name: 'notExists', conditions: [{ field: 'age', op: 'notExists' }], kept: ['Alan'] },
    { name: 'matches', conditions: [{ field: 'name', op: 'matches', value: '^a', ignoreCase: true }], kept: ['Ada', 'Alan'] },
    {
      name: 'all',
      conditions: [{ field: 'tags', op: 'contains', value: 'code' }, { field: 'age', op: 'exists' }],
      kept: ['Ada'],
    },
    {
      name: 'any',
      combine: 'any',
      conditions: [{ field: 'name', value: 'Grace' }, { field: 'age', op: 'lt', value: 30 }],
      kept: ['Grace', 'linus'],
    },
    { name: 'a prototype key is never read', conditions: [{ field: 'name.length', op: 'exists' }], kept: [] },
  ])('$name', async ({ conditions, combine, kept }) => {
    const output = await outputOf('filter', { items: '{{ input }}', conditions, ...(combine ? { combine } : {}) }, people);
    expect(names(output)).toEqual(kept);
  });

  it('filters the node input when items is not set, and the item itself when no field is given', async () => {
    const t = createTestEngine({ nodes: dataNodes });
    const view = await t.run(
      workflow('input')
        .node('list', 'transform', { value: [3, 'x', 10, 1, '7'] })
        .node('big', 'filter', { conditions: [{ op: 'gte', value: 3 }] })
        .edge('list', 'big')
        .build(),
    );
    expect(view.run.output).toEqual([3, 10, '7']);
  });

  it('with rejected: port outputs both lists and takes the ports that got items', async () => {
    const view = await runNode('filter', { items: '{{ input }}', rejected: 'port', conditions: [{ field: 'age', op: 'gt', value: 80 }] }, people);
    expect(view.run.status).toBe('succeeded');
    const output = view.run.output as { kept: Json[]; rejected: Json[] };
    expect(names(output.kept)).toEqual(['Grace']);
    expect(names(output.rejected)).toEqual(['Ada', 'linus', 'Alan']);
    expect(view.eventsOf('step.succeeded', 'n')[0]?.data).toMatchObject({ ports: ['out', 'rejected'] });
  });

  it('runs a pattern that would backtrack catastrophically in linear time', async () => {
    const items = [{ a: `${'a'.repeat(5000)}!` }, { a: 'aaa' }];
    const started = performance.now();
    const output = await outputOf('filter', { items: '{{ input }}', conditions: [{ field: 'a', op: 'matches', value: '^(a+)+$' }] }, items);
    expect(output).toEqual([{ a: 'aaa' }]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('never evaluates templates held in the data', async () => {
    const output = await outputOf('filter', { items: '{{ input }}', conditions: [{ field: 'q', op: 'contains', value: '6 *' }] }, [{ q: '{{ 6 * 7 }}' }]);
    expect(output).toEqual([{ q: '{{ 6 * 7 }}' }]);
  });

  it.each<{ name: string; conditions: unknown[]; path: string; message: RegExp }>([
    { name: 'a bad field path', conditions: [{ field: 'a..b', op: 'exists' }], path: 'nodes[0].params.conditions[0].field', message: /bad field path 'a..b'/ },
    { name: 'a prototype key', conditions: [{ field: 'user.__proto__.x', op: 'exists' }], path: 'nodes[0].params.conditions[0].field', message: /__proto__/ },
    { name: 'a lookahead', conditions: [{ field: 'a', op: 'matches', value: 'a(?=b)' }], path: 'nodes[0].params.conditions[0].value', message: /lookaheads/ },
    { name: 'a backreference', conditions: [{ field: 'a', op: 'matches', value: '(a)\\1' }], path: 'nodes[0].params.conditions[0].value', message: /backreferences/ },
    { name: 'a long regex', conditions: [{ field: 'a', op: 'matches', value: 'a'.repeat(201) }], path: 'nodes[0].params.conditions[0].value', message: /longer than 200/ },
    { name: 'in without a list', conditions: [{ field: 'a', op: 'in', value: 'x' }], path: 'nodes[0].params.conditions[0].value', message: /needs a list/ },
    { name: 'a missing value', conditions: [{ field: 'a', op: 'gt' }], path: 'nodes[0].params.conditions[0].value', message: /required for op 'gt'/ },
  ])('rejects $name at validation, with the param path', ({ conditions, path, message }) => {
    const problems = problemsOf('filter', { items: [], conditions });
    expect(problems).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('fails clearly when the items are not a list', async () => {
    const error = await errorOf('filter', { items: '{{ input }}', conditions: [{ field: 'a', op: 'exists' }] }, { a: 1 });
    expect(error).toMatchObject({ code: 'INVALID_PARAMS', retryable: false });
    expect(error.message).toMatch(/params\.items: expected a list of items \(a JSON array\).*got an object/);
  });

  it('fails clearly when there are no items and the input is not a list', async () => {
    const error = await errorOf('filter', { conditions: [{ field: 'a', op: 'exists' }] });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
    expect(error.message).toMatch(/params\.items: .*node input is null, not a list/);
  });

  it('keeps a subset of its input, in order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ n: fc.integer({ min: -5, max: 5 }) }), { maxLength: 20 }), fc.integer({ min: -5, max: 5 }), async (items, limit) => {
        // Kept items are a subset of the input, in input order: exactly those matching.
        const kept = (await outputOf('filter', { items: '{{ input }}', conditions: [{ field: 'n', op: 'gt', value: limit }] }, items)) as Json[];
        expect(kept).toEqual(items.filter((i) => i.n > limit));
      }),
      { numRuns: 30 },
    );
  });
});
