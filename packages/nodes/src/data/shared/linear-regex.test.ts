import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLinearRegex, PatternError } from './linear-regex.ts';
import { unsafePatternReason } from './safe-regex.ts';

describe('linear regex', () => {
  it.each<[string, string, boolean, boolean?]>([
    ['abc', 'xxabcxx', true],
    ['^abc$', 'abc', true],
    ['^abc$', 'abcd', false],
    ['a.c', 'a\nc', false],
    ['\\d{3}-\\d{4}', 'call 555-1234 now', true],
    ['^[A-Z][a-z]+$', 'Ada', true],
    ['^[^0-9]+$', 'abc1', false],
    ['(?:foo|bar)+baz', 'xfoobarbaz', true],
    ['colou?r', 'color', true],
    ['\\bcat\\b', 'concat', false],
    ['\\bcat\\b', 'a cat.', true],
    ['^(?<year>\\d{4})-\\d{2}$', '2024-05', true],
    ['a{2,3}$', 'aaaa', true],
    ['^a{2,3}$', 'aaaa', false],
    ['^\\s*$', ' \t', true],
    ['\\[bug\\]', '[BUG] crash', true, true],
    ['^é+$', 'ÉÉ', true, true],
    ['^\\u{1F600}$', '😀', true],
    ['^[a-c]+$', 'ABC', true, true],
  ])('%s on %j is %s', (pattern, text, expected, ignoreCase = false) => {
    expect(compileLinearRegex(pattern, { ignoreCase }).test(text)).toBe(expected);
  });

  it('stays fast on patterns that make backtracking engines explode', () => {
    const started = performance.now();
    const text = `${'a'.repeat(10_000)}!`;
    for (const pattern of ['^(a+)+$', '^(a|aa)*$', '^(a*)*b', 'a*a*a*a*a*b', '^(.*a){12}$']) {
      expect(compileLinearRegex(pattern).test(text)).toBe(false);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.each<[string, RegExp]>([
    ['(a)\\1', /backreferences/],
    ['(?=a)', /lookaheads/],
    ['(?<!a)b', /lookbehinds/],
    ['a{5000}', /above 1000/],
    ['(a{1000}){1000}', /too large/],
    ['(abc', /Unterminated group|unclosed/],
    ['x'.repeat(201), /longer than 200/],
  ])('refuses %s', (pattern, message) => {
    expect(unsafePatternReason(pattern)).toMatch(message);
  });

  it('agrees with RegExp on simple patterns (property)', () => {
    const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\d', '(?:ab|b)', 'a?', 'b*', 'a+', '(a|b){1,2}', '^', '$', '\\b');
    fc.assert(
      fc.property(fc.array(atom, { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[ab1 ]{0,12}$/), (atoms, text) => {
        const pattern = atoms.join('');
        let linear: boolean;
        try {
          linear = compileLinearRegex(pattern).test(text);
        } catch (error) {
          if (error instanceof PatternError) return;
          throw error;
        }
        expect(linear).toBe(new RegExp(pattern, 'u').test(text));
      }),
      { numRuns: 500 },
    );
  });
});
