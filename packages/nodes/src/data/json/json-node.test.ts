import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { errorOf, outputOf, problemsOf } from '../shared/test-support.ts';

describe('json', () => {
  it.each<{ name: string; params: Record<string, unknown>; input: Json; output: Json }>([
    { name: 'parse an object', params: { operation: 'parse' }, input: '{"a":[1,true,null],"b":"x"}', output: { a: [1, true, null], b: 'x' } },
    { name: 'parse a number', params: { operation: 'parse' }, input: ' 42 ', output: 42 },
    { name: 'parse keeps templates as text', params: { operation: 'parse' }, input: '{"t":"{{ 6 * 7 }}"}', output: { t: '{{ 6 * 7 }}' } },
    { name: 'stringify compact', params: { operation: 'stringify' }, input: { a: [1, 2], b: null }, output: '{"a":[1,2],"b":null}' },
    { name: 'stringify pretty', params: { operation: 'stringify', pretty: true }, input: { a: 1 }, output: '{\n  "a": 1\n}' },
    { name: 'stringify with an indent', params: { operation: 'stringify', pretty: true, indent: 4 }, input: [1], output: '[\n    1\n]' },
  ])('$name', async ({ params, input, output }) => {
    expect(await outputOf('json', { ...params, value: '{{ input }}' }, input)).toEqual(output);
  });

  it.each<{ text: string; message: string }>([
    { text: '{"a": 1,}', message: `invalid JSON at line 1, column 9 (position 8): expected a double-quoted property name, got "}", near "{\\"a\\": 1,}"` },
    { text: '{\n  "a": tru\n}', message: 'invalid JSON at line 2, column 8 (position 9): expected a value' },
    { text: '[1, 2', message: "invalid JSON at line 1, column 6 (position 5): expected ',' or ']', got the end of the text" },
    { text: 'abc', message: 'invalid JSON at line 1, column 1 (position 0): expected a value, got "a"' },
    { text: '{"a":1} x', message: 'expected the end of the text, got "x"' },
    { text: '  ', message: 'params.value: cannot parse JSON: the text is empty' },
  ])('names where $text goes wrong', async ({ text, message }) => {
    const error = await errorOf('json', { operation: 'parse', value: '{{ input }}' }, text);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
    expect(error.message).toContain(message);
  });

  it('fails clearly when asked to parse something that is not text', async () => {
    const error = await errorOf('json', { operation: 'parse', value: '{{ input }}' }, { a: 1 });
    expect(error.message).toBe('params.value: expected JSON text (a string) to parse, got an object');
  });

  it('rejects an unknown operation at validation', () => {
    expect(problemsOf('json', { operation: 'yaml', value: 1 })).toEqual([{ path: 'nodes[0].params.operation', message: expect.any(String) }]);
  });

  it('stringify then parse is the identity (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), fc.boolean(), async (value, pretty) => {
        const normal = JSON.parse(JSON.stringify(value)) as Json;
        const text = await outputOf('json', { operation: 'stringify', value: '{{ input }}', pretty }, normal);
        expect(await outputOf('json', { operation: 'parse', value: '{{ input }}' }, text)).toEqual(normal);
      }),
      { numRuns: 25 },
    );
  });
});
