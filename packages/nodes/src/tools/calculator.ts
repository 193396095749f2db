import { z } from 'zod';
import { calculate } from './calculator/evaluate.ts';
import { defineTool } from './define-tool.ts';

/**
 * `calculator`: evaluates arithmetic exactly as written, so the model does not do sums in its
 * head. Errors (bad syntax, division by zero, unknown names) are thrown for the model to read.
 */
export const calculatorTool = defineTool({
  name: 'calculator',
  description:
    'Evaluate an arithmetic expression and return the number. Supports + - * / % ^ (power, also **), parentheses, ' +
    'unary minus, decimals and exponents (1.5e3), constants pi and e, and functions sqrt, abs, round(x, digits?), floor, ceil, ' +
    'min, max, pow(x, y), log(x, base?) (base 10 by default), ln, exp, sin, cos, tan (radians). Write multiplication explicitly: 2*pi, not 2pi.',
  input: z.object({
    expression: z.string().min(1).max(2000).describe('The expression, e.g. "(3.5 + 2) * 4 ^ 2 / sqrt(16)".'),
  }),
  async run({ expression }) {
    // 15 significant digits drops binary noise: 0.1 + 0.2 reads 0.3, as a person expects.
    return { expression, result: Number(calculate(expression).toPrecision(15)) };
  },
});
