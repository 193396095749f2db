import { describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { errorOf, outputOf, problemsOf } from '../shared/test-support.ts';

const users: Json[] = [
  { first: 'Ada', last: 'Lovelace', password: 'x', address: { city: 'London', zip: 'N1' } },
  { first: 'Alan', last: 'Turing', password: 'y' },
];

describe('set', () => {
  it.each<{ name: string; params: Record<string, unknown>; output: Json }>([
    {
      name: 'sets fields from templates rendered per item, with index',
      params: { values: { full: '{{ item.first }} {{ item.last }}', 'meta.position': '{{ index }}', source: 'crm' }, remove: ['password', 'address'] },
      output: [
        { first: 'Ada', last: 'Lovelace', full: 'Ada Lovelace', meta: { position: 0 }, source: 'crm' },
        { first: 'Alan', last: 'Turing', full: 'Alan Turing', meta: { position: 1 }, source: 'crm' },
      ],
    },
    {
      name: 'keeps only listed fields, nested ones included',
      params: { keep: ['first', 'address.city'] },
      output: [{ first: 'Ada', address: { city: 'London' } }, { first: 'Alan' }],
    },
    {
      name: 'overwrites and removes nested fields; a missing path to remove is fine',
      params: { values: { 'address.city': 'Paris' }, remove: ['address.zip', 'password', 'nope.deeper'] },
      output: [
        { first: 'Ada', last: 'Lovelace', address: { city: 'Paris' } },
        { first: 'Alan', last: 'Turing', address: { city: 'Paris' } },
      ],
    },
    {
      name: 'values keep their JSON type and can read other steps',
      params: { keep: ['first'], values: { tags: ['a', 1], n: '{{ input.length }}' } },
      output: [{ first: 'Ada', tags: ['a', 1], n: 2 }, { first: 'Alan', tags: ['a', 1], n: 2 }],
    },
  ])('$name', async ({ params, output }) => {
    expect(await outputOf('set', { items: '{{ input }}', ...params }, users)).toEqual(output);
  });

  it('renders item data as data: a template inside an item is not evaluated', async () => {
    const output = await outputOf('set', { items: '{{ input }}', values: { copy: '{{ item.text }}' } }, [{ text: '{{ 6 * 7 }}' }]);
    expect(output).toEqual([{ text: '{{ 6 * 7 }}', copy: '{{ 6 * 7 }}' }]);
  });

  it('fails clearly on an item that is not an object', async () => {
    const error = await errorOf('set', { items: '{{ input }}', values: { a: 1 } }, [{}, 'text']);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
    expect(error.message).toBe('items[1]: expected an object to edit fields on, got a string ("text")');
  });

  it('fails clearly when a path runs through a value that is not an object', async () => {
    const error = await errorOf('set', { items: '{{ input }}', values: { 'first.x': 1 } }, users);
    expect(error.message).toMatch(/cannot set 'first.x': first is a string/);
  });

  it('rejects a bad field path at validation with its param path', () => {
    expect(problemsOf('set', { items: [], values: { 'a[': 1 }, remove: ['constructor'] })).toEqual([
      { path: 'nodes[0].params.values["a["]', message: expect.stringMatching(/unclosed \[/) },
      { path: 'nodes[0].params.remove[0]', message: expect.stringMatching(/'constructor', which is not allowed/) },
    ]);
  });
});
