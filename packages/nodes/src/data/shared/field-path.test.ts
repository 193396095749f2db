import { describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { deletePath, getPath, parseFieldPath, setPath, tryParseFieldPath } from './field-path.ts';

describe('field paths', () => {
  it.each<[string, (string | number)[]]>([
    ['a', ['a']],
    ['user.address.city', ['user', 'address', 'city']],
    ['tags[0]', ['tags', 0]],
    ['rows[2].cells[10]', ['rows', 2, 'cells', 10]],
    ['meta["content-type"]', ['meta', 'content-type']],
    ["['a.b'].c", ['a.b', 'c']],
    ['first name', ['first name']],
  ])('parses %s', (path, keys) => {
    expect(tryParseFieldPath(path)).toEqual({ ok: true, keys });
  });

  it.each<[string, RegExp]>([
    ['', /empty field path/],
    ['a.', /ends with \./],
    ['.a', /empty key/],
    ['a[x]', /expected an index/],
    ['a[0', /unclosed \[/],
    ['a[0]b', /expected \. or \[/],
    ['__proto__.x', /not allowed/],
    ['a.constructor', /not allowed/],
    ['a["prototype"]', /not allowed/],
  ])('refuses %j', (path, message) => {
    const result = tryParseFieldPath(path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('reads own properties only', () => {
    const data = { a: { b: [1, { c: 'x' }] }, s: 'text' } as Json;
    expect(getPath(data, ['a', 'b', 1, 'c'])).toBe('x');
    expect(getPath(data, ['a', 'b', 5])).toBeUndefined();
    expect(getPath(data, ['s', 'length'])).toBeUndefined();
    expect(getPath(data, ['a', 'hasOwnProperty'])).toBeUndefined();
    expect(getPath(data, ['a', 'b', 'length'])).toBeUndefined();
  });

  it('sets and deletes, creating objects and lists on the way', () => {
    const target = { keep: 1 };
    setPath(target, parseFieldPath('x.y[1].z'), 'v');
    expect(target).toEqual({ keep: 1, x: { y: [undefined, { z: 'v' }] } });
    expect(deletePath(target, parseFieldPath('x.y[1].z').keys)).toBe('v');
    expect(deletePath(target, ['nope', 'deeper'])).toBeUndefined();
    expect(() => setPath(target, parseFieldPath('keep.inner'), 1)).toThrow(/cannot set 'keep.inner': keep is a number \(1\), not an object/);
  });
});
