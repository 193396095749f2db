import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../errors.ts';
import { parseTemplate } from './template-parser.ts';

describe('parseTemplate', () => {
  it.each([
    ['plain text', [{ type: 'text', text: 'plain text', start: 0, end: 10 }]],
    ['', [{ type: 'text', text: '', start: 0, end: 0 }]],
    ['{{ a }}', [{ type: 'expression', source: ' a ', start: 0, end: 7, sourceStart: 2 }]],
    [
      'Hi {{ input.name }}!',
      [
        { type: 'text', text: 'Hi ', start: 0, end: 3 },
        { type: 'expression', source: ' input.name ', start: 3, end: 19, sourceStart: 5 },
        { type: 'text', text: '!', start: 19, end: 20 },
      ],
    ],
    [
      '{{a}}{{b}}',
      [
        { type: 'expression', source: 'a', start: 0, end: 5, sourceStart: 2 },
        { type: 'expression', source: 'b', start: 5, end: 10, sourceStart: 7 },
      ],
    ],
  ])('splits %j', (text, segments) => {
    expect(parseTemplate(text)).toEqual(segments);
  });

  it.each([
    ['{{ {a: {b: 1}} }}', ' {a: {b: 1}} '],
    ['{{ "}}" }}', ' "}}" '],
    ['{{ `${x}}` }}', ' `${x}}` '],
    ['{{ "{{" }}', ' "{{" '],
    ['{{ a /* }} */ }}', ' a /* }} */ '],
  ])('lets "}}" inside an expression: %j', (text, source) => {
    const [segment] = parseTemplate(text);
    expect(segment).toMatchObject({ type: 'expression', source });
  });

  it.each([
    ['a\nb }} c'],
    ['{"a": {"b": 1}}'],
  ])('keeps a "}}" outside an expression as text: %j', (text) => {
    expect(parseTemplate(text)).toEqual([{ type: 'text', text, start: 0, end: text.length }]);
  });

  it('reads text after an expression, "}}" included', () => {
    expect(parseTemplate('{{ a }} }}').at(-1)).toMatchObject({ type: 'text', text: ' }}' });
  });

  it.each([
    ['Hello {{ name', /Unclosed "\{\{" at line 1, column 7/],
  ])('rejects unbalanced delimiters in %j, naming the position', (text, message) => {
    expect(() => parseTemplate(text)).toThrow(ExpressionError);
    expect(() => parseTemplate(text)).toThrow(message);
  });

  it('closes at the first "}}" when no candidate parses (the syntax error is reported later)', () => {
    expect(parseTemplate('{{ a + }} and {{ b }}')).toMatchObject([
      { type: 'expression', source: ' a + ' },
      { type: 'text', text: ' and ' },
      { type: 'expression', source: ' b ' },
    ]);
  });
});
