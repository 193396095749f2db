import { CalculatorError } from './calculator-error.ts';
import { FUNCTIONS } from './functions.ts';
import { parse } from './parse.ts';
import type { Expr } from './parse.ts';

/**
 * Evaluates an arithmetic expression safely: a hand-written parser over numbers, operators and
 * a fixed set of functions, never `eval`. Throws CalculatorError on any problem.
 *
 * @example calculate('2 * (3 + 4) ^ 2') // 98
 */
export function calculate(expression: string): number {
  return evaluate(parse(expression));
}

/** Evaluates a parsed expression; every intermediate result must be a finite number. */
export function evaluate(expr: Expr): number {
  switch (expr.type) {
    case 'number':
      return expr.value;
    case 'unary':
      return expr.operator === '-' ? -evaluate(expr.operand) : evaluate(expr.operand);
    case 'binary': {
      const left = evaluate(expr.left);
      const right = evaluate(expr.right);
      return finite(
        binary(expr.operator, left, right, expr.position),
        `${format(left)} ${expr.operator} ${format(right)}`,
        expr.position,
      );
    }
    case 'call': {
      const args = expr.args.map(evaluate);
      const fn = FUNCTIONS.get(expr.name);
      if (!fn)
        throw new CalculatorError(
          `Unknown function "${expr.name}" at position ${expr.position}.`,
          expr.position,
        );
      return finite(fn.apply(args), `${expr.name}(${args.map(format).join(', ')})`, expr.position);
    }
  }
}

function binary(operator: string, left: number, right: number, position: number): number {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      if (right === 0) throw new CalculatorError(`Division by zero at position ${position}.`, position);
      return left / right;
    case '%':
      if (right === 0) throw new CalculatorError(`Modulo by zero at position ${position}.`, position);
      return left % right;
    default:
      return left ** right;
  }
}

function finite(value: number, what: string, position: number): number {
  if (Number.isNaN(value))
    throw new CalculatorError(`${what} is undefined (not a real number) at position ${position}.`, position);
  if (!Number.isFinite(value))
    throw new CalculatorError(`${what} is too large (overflows) at position ${position}.`, position);
  return value;
}

function format(value: number): string {
  return String(Number(value.toPrecision(12)));
}
