import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTemplateProblems } from './template-problems.ts';

describe('findTemplateProblems', () => {
  it('finds nothing in valid templates and plain data', () => {
    const params = {
      prompt: 'Explain {{ input.topic }} in {{ input.words * 2 }} words',
      messages: [{ role: 'user', content: '{{ steps.research.output.text }}' }],
      literal: 'no braces',
      count: 3,
      flag: true,
      nothing: null,
      tricky: '{{ {a: {b: 1}} }} and {{ "}}" }}',
    };
    expect(findTemplateProblems(params, 'nodes[2].params')).toEqual([]);
  });

  it.each([
    [{ prompt: 'Hi {{ input.name' }, 'nodes[0].params.prompt', /Unclosed "\{\{" at line 1, column 4/],
    [
      { prompt: { messages: ['ok', '{{ a + }}'] } },
      'nodes[0].params.prompt.messages[1]',
      /Expression \{\{ a \+ }} is not valid JavaScript: Unexpected token \(line 1, column 8\)/,
    ],
    [{ 'content-type': '{{ }}' }, 'nodes[0].params["content-type"]', /The expression is empty/],
    [{ x: '{{ a; b }}' }, 'nodes[0].params.x', /Unexpected ";" after the expression/],
    [{ x: 'line one\n  {{ input.( }}' }, 'nodes[0].params.x', /line 2, column 12/],
  ])('reports %j at the right path', (params, path, message) => {
    const problems = findTemplateProblems(params, 'nodes[0].params');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe(path);
    expect(problems[0]?.message).toMatch(message);
  });

  it('reports every bad expression in a string', () => {
    expect(findTemplateProblems('{{ a + }} {{ ok }} {{ ) }}', '')).toHaveLength(2);
  });

  it('paths start at the root when the base path is empty', () => {
    expect(findTemplateProblems(['{{ ( }}'], '')[0]?.path).toBe('[0]');
  });

  it('survives cycles, throwing getters and proxies', () => {
    const cyclic: Record<string, unknown> = { a: '{{ ( }}' };
    cyclic.self = cyclic;
    const getter = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );
    expect(findTemplateProblems({ cyclic, getter, proxy, deep: nest(10_000) }, 'p')).toEqual([
      { path: 'p.cyclic.a', message: expect.stringContaining('not valid JavaScript') as unknown as string },
    ]);
  });

  it('never throws on arbitrary values (property)', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
        (value) => {
          const problems = findTemplateProblems(value, 'x');
          expect(Array.isArray(problems)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on brace-heavy strings and reports well-formed problems (property)', () => {
    const unit = fc.constantFrom(
      '{',
      '}',
      '{{',
      '}}',
      ' ',
      'a',
      '.',
      '"',
      "'",
      '`',
      '$',
      '(',
      ')',
      '[',
      ']',
      '\n',
      '/',
      '*',
      '\\',
    );
    fc.assert(
      fc.property(fc.array(fc.string({ unit, maxLength: 40 }), { maxLength: 5 }), (strings) => {
        for (const problem of findTemplateProblems(strings, 'p')) {
          expect(problem.path).toMatch(/^p\[\d+]$/);
          expect(typeof problem.message).toBe('string');
          expect(problem.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

function nest(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { value };
  return value;
}
