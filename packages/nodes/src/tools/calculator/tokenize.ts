import { CalculatorError } from './calculator-error.ts';

/** Binary and unary operators, after `**` has been read as `^`. */
export type Operator = '+' | '-' | '*' | '/' | '%' | '^';

/** One lexical token; `position` is 1-based. */
export type Token =
  | { kind: 'number'; value: number; position: number; text: string }
  | { kind: 'name'; name: string; position: number; text: string }
  | { kind: 'operator'; operator: Operator; position: number; text: string }
  | { kind: '(' | ')' | ',' | 'end'; position: number; text: string };

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
// Typographic forms models and people paste in.
const ALIASES: Record<string, string> = { '−': '-', '×': '*', '·': '*', '÷': '/' };

/** Splits an expression into tokens, ending with an `end` token. */
export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < expression.length) {
    const char = expression[index] ?? '';
    const position = index + 1;
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    const number = matchAt(NUMBER, expression, index);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number), position, text: number });
      index += number.length;
      continue;
    }
    const name = matchAt(NAME, expression, index);
    if (name) {
      tokens.push({ kind: 'name', name: name.toLowerCase(), position, text: name });
      index += name.length;
      continue;
    }
    if (expression.startsWith('**', index)) {
      tokens.push({ kind: 'operator', operator: '^', position, text: '**' });
      index += 2;
      continue;
    }
    const symbol = ALIASES[char] ?? char;
    if ('+-*/%^'.includes(symbol))
      tokens.push({ kind: 'operator', operator: symbol as Operator, position, text: char });
    else if (symbol === '(' || symbol === ')' || symbol === ',')
      tokens.push({ kind: symbol, position, text: char });
    else
      throw new CalculatorError(
        `Unexpected character "${printable(expression, index)}" at position ${position}${quote(expression)}.`,
        position,
      );
    index++;
  }
  tokens.push({ kind: 'end', position: expression.length + 1, text: 'end of expression' });
  return tokens;
}

/** ` in "…"` for messages, omitted when the expression is too long to be useful. */
export function quote(expression: string): string {
  return expression.length <= 120 ? ` in "${expression}"` : '';
}

function matchAt(pattern: RegExp, text: string, index: number): string | undefined {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0];
}

// Whole code point, so an emoji is reported as itself rather than half a surrogate pair.
function printable(text: string, index: number): string {
  return String.fromCodePoint(text.codePointAt(index) ?? 0);
}
