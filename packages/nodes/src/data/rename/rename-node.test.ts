import { describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { errorOf, outputOf, problemsOf } from '../shared/test-support.ts';

describe('rename', () => {
  it.each<{ name: string; fields: unknown[]; items: Json[]; output: Json }>([
    { name: 'a top-level field', fields: [{ from: 'id', to: 'customerId' }], items: [{ id: 1, a: 2 }], output: [{ a: 2, customerId: 1 }] },
    {
      name: 'nested paths both ways',
      fields: [{ from: 'user.mail', to: 'contact.email' }],
      items: [{ user: { mail: 'a@b.c', name: 'A' } }],
      output: [{ user: { name: 'A' }, contact: { email: 'a@b.c' } }],
    },
    { name: 'items without the field stay as they are', fields: [{ from: 'x', to: 'y' }], items: [{ a: 1 }, { x: null }], output: [{ a: 1 }, { y: null }] },
    { name: 'renames apply in order', fields: [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }], items: [{ a: 1 }], output: [{ c: 1 }] },
    { name: 'a quoted key', fields: [{ from: '["content-type"]', to: 'type' }], items: [{ 'content-type': 'json' }], output: [{ type: 'json' }] },
  ])('$name', async ({ fields, items, output }) => {
    expect(await outputOf('rename', { items: '{{ input }}', fields }, items)).toEqual(output);
  });

  it('does not change its input', async () => {
    const t = await outputOf('rename', { items: [{ a: 1 }], fields: [{ from: 'a', to: 'b' }] });
    expect(t).toEqual([{ b: 1 }]);
  });

  it('fails clearly on an item that is not an object', async () => {
    const error = await errorOf('rename', { items: '{{ input }}', fields: [{ from: 'a', to: 'b' }] }, [[1]]);
    expect(error.message).toBe('items[0]: expected an object to rename fields on, got a list of 1');
  });

  it('rejects a prototype path at validation', () => {
    expect(problemsOf('rename', { items: [], fields: [{ from: 'a', to: '__proto__.polluted' }] })).toEqual([
      { path: 'nodes[0].params.fields[0].to', message: expect.stringMatching(/__proto__/) },
    ]);
  });
});
