import { describe, expect, it } from 'vitest';
import { isStrictCompatible } from './openai.ts';

describe('isStrictCompatible', () => {
  it('accepts closed objects that require every property', () => {
    expect(
      isStrictCompatible({
        type: 'object',
        properties: { tags: { type: 'array', items: { type: 'object', properties: { t: { type: 'string' } }, required: ['t'], additionalProperties: false } } },
        required: ['tags'],
        additionalProperties: false,
      }),
    ).toBe(true);
  });

  it.each([
    ['an optional property', { type: 'object', properties: { a: { type: 'string' } }, required: [], additionalProperties: false }],
    ['an open object', { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }],
    ['a nested open object', { type: 'object', properties: { a: { type: 'object' } }, required: ['a'], additionalProperties: false }],
  ])('rejects %s', (_name, schema) => {
    expect(isStrictCompatible(schema)).toBe(false);
  });
});
