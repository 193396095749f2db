// Property tests: parsing workflow text is total. Any string gives a value or an
// InvalidWorkflowError (which the API answers with 400), never another exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InvalidWorkflowError } from '../errors.ts';
import { parseWorkflowText } from './load.ts';

/** Fragments YAML gives meaning to, glued at random. Aliases (`*x`) are left to the known-bug cases below. */
const yamlish = fc
  .array(
    fc.constantFrom(
      'a:',
      'b: ',
      ' - ',
      '-',
      '&x ',
      '{',
      '}',
      '[',
      ']',
      '"',
      "'",
      '\t',
      '\n',
      '  ',
      '!!binary ',
      '!!set ',
      '!!omap ',
      '---\n',
      '...\n',
      '%TAG ! tag:x,2000:\n',
      '!x ',
      '? ',
      ': ',
      ',',
      '#c',
      '|\n',
      '>-\n',
      '1',
      'null',
      '~',
      '0x1F',
      '.inf',
      '2001-12-14',
      '!!int ',
      '\u0000',
      '\uFEFF',
      'nodes:',
      'name: w',
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

function expectParsedOrInvalid(text: string): void {
  try {
    parseWorkflowText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidWorkflowError);
    expect((error as InvalidWorkflowError).problems.length).toBeGreaterThan(0);
  }
}

describe('parseWorkflowText', () => {
  it.each([
    ['any string', fc.string({ maxLength: 200 })],
    ['any unicode string', fc.string({ unit: 'grapheme', maxLength: 80 })],
    ['any string of code units', fc.string({ unit: 'binary', maxLength: 80 })],
    ['YAML-ish fragments', yamlish],
    ['JSON-ish text', fc.string({ maxLength: 80 }).map((s) => `{${s}`)],
  ])('returns a value or throws InvalidWorkflowError for %s', (_name, text) => {
    fc.assert(fc.property(text, expectParsedOrInvalid), { numRuns: 1000 });
  });

  it('reads back any JSON object written as JSON or as YAML', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), (value) => {
        const normal = JSON.parse(JSON.stringify(value)) as unknown;
        expect(parseWorkflowText(JSON.stringify(value))).toEqual(normal);
        expect(parseWorkflowText(stringify(normal))).toEqual(normal);
      }),
      { numRuns: 300 },
    );
  });

  // Errors raised while the document is turned into JavaScript (not in `doc.errors`) are invalid YAML too.
  it.each([
    ['an alias to an anchor never set', 'a: *x'],
    ['a bare alias', '*j*/'],
    [
      'an alias bomb',
      'a: &a [1,2]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    ],
    ['a YAML 1.1 merge of a scalar', '%YAML 1.1\n---\n<<: .inf'],
    ['a YAML 1.1 timestamp key in an omap', '%YAML 1.1\n---\n? !!omap \n - !!timestamp '],
  ])('%s throws InvalidWorkflowError', (_name, text) => {
    expect(() => parseWorkflowText(text)).toThrow(InvalidWorkflowError);
  });
});
