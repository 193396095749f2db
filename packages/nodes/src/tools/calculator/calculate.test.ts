import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalculatorError } from './calculator-error.ts';
import { calculate } from './evaluate.ts';

describe('calculate', () => {
  it.each([
    ['1 + 2', 3],
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 5', 2],
    ['7 % 4', 3],
    ['-7 % 4', -3],
    ['2 ^ 3 ^ 2', 512],
    ['2 ** 10', 1024],
    ['-2 ^ 2', -4],
    ['(-2) ^ 2', 4],
    ['2 ^ -1', 0.5],
    ['--3', 3],
    ['-+-3', 3],
    ['3 * -2', -6],
    ['1.5e3 + .5', 1500.5],
    ['2E-2', 0.02],
    ['3.', 3],
    ['sqrt(16) + abs(-3)', 7],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(1.005, 2)', 1.01],
    ['floor(-1.5) + ceil(1.2)', 0],
    ['min(3, 1, 2) + max(4, 9)', 10],
    ['pow(2, 8)', 256],
    ['log(1000)', 3],
    ['log(8, 2)', 3],
    ['ln(e)', 1],
    ['exp(0)', 1],
    ['sin(0) + cos(0) + tan(0)', 1],
    ['PI', Math.PI],
    ['2 * pi', 2 * Math.PI],
    ['SQRT( 4 )', 2],
    ['2 × 3 − 1 ÷ 2', 5.5],
    ['((((1))))', 1],
    ['  42  ', 42],
  ])('%s = %d', (expression, expected) => {
    expect(calculate(expression)).toBeCloseTo(expected, 12);
  });

  it.each([
    ['1 / 0', /Division by zero at position 3/],
    ['5 % (2 - 2)', /Modulo by zero at position 3/],
    ['sqrt(-1)', /sqrt\(-1\) is undefined/],
    ['ln(0)', /ln\(0\) is too large/],
    ['10 ^ 400', /too large/],
    ['1e999', /Number 1e999 is too large at position 1/],
    ['foo + 1', /Unknown name "foo".*at position 1/],
    ['2 + * 3', /Unexpected "\*": expected a number, name or "\(" at position 5 in "2 \+ \* 3"/],
    ['(1 + 2', /Missing "\)" for the "\(" at position 1/],
    ['1 + 2)', /Expected an operator but found "\)" at position 6/],
    ['2pi', /Expected an operator but found "pi" \(write multiplication with \*\) at position 2/],
    ['2 3', /Expected an operator/],
    ['1 +', /Expression ends too early/],
    ['', /Expression is empty/],
    ['   ', /Expression is empty/],
    ['sqrt', /"sqrt" is a function: write sqrt\(x\)/],
    ['pi(2)', /"pi" is a constant, not a function/],
    ['sqrt(1, 2)', /sqrt\(x\) takes 1 argument, got 2/],
    ['pow(2)', /pow\(x, y\) takes 2 arguments, got 1/],
    ['min()', /min\(a, b, …\) takes at least 1 arguments?, got 0/],
    ['max(1,)', /Unexpected "\)"/],
    ['round(1.5, 0.5)', /round\(1\.5, 0\.5\) is undefined/],
    ['2 $ 3', /Unexpected character "\$" at position 3/],
    ['1 + 🙂', /Unexpected character "🙂" at position 5/],
    ['alert(1)', /Unknown name "alert"/],
    ['constructor', /Unknown name "constructor"/],
    ['__proto__', /Unknown name "__proto__"/],
    ['('.repeat(150) + '1' + ')'.repeat(150), /nested more than 100 levels/],
    ['-'.repeat(150) + '1', /nested more than 100 levels/],
    ['1+'.repeat(1200) + '1', /limit is 2000/],
  ])('%s fails clearly', (expression, message) => {
    expect(() => calculate(expression)).toThrow(CalculatorError);
    expect(() => calculate(expression)).toThrow(message);
  });

  it('reports the position in the error', () => {
    const error = (() => {
      try {
        calculate('1 + (2 * )');
      } catch (e) {
        return e as CalculatorError;
      }
    })();
    expect(error?.position).toBe(10);
    expect(error?.code).toBe('INVALID_INPUT');
  });

  it('throws only CalculatorError, whatever the input', () => {
    const tokens = fc.constantFrom(
      '1',
      '2.5',
      '1e308',
      '0',
      '(',
      ')',
      '+',
      '-',
      '*',
      '/',
      '%',
      '^',
      '**',
      ',',
      ' ',
      'pi',
      'e',
      'sqrt(',
      'min(',
      'log(',
      'round(',
      'x',
      '.',
      'e5',
    );
    const expressions = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.array(tokens, { maxLength: 40 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(expressions, (expression) => {
        try {
          const result = calculate(expression);
          return Number.isFinite(result);
        } catch (error) {
          return error instanceof CalculatorError;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
