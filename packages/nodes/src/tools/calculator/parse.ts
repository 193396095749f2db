import { CalculatorError } from './calculator-error.ts';
import { CONSTANTS, FUNCTIONS } from './functions.ts';
import { quote, tokenize } from './tokenize.ts';
import type { Operator, Token } from './tokenize.ts';

/** The parsed form of an expression. Positions are 1-based, for error messages. */
export type Expr =
  | { type: 'number'; value: number }
  | { type: 'unary'; operator: '+' | '-'; operand: Expr }
  | { type: 'binary'; operator: Operator; left: Expr; right: Expr; position: number }
  | { type: 'call'; name: string; args: Expr[]; position: number };

/** Longest expression accepted, and deepest nesting: both keep a hostile input cheap. */
export const MAX_EXPRESSION_LENGTH = 2000;
const MAX_DEPTH = 100;

/**
 * Parses by recursive descent. Precedence, loosest first: `+ -`, then `* / %`, then unary
 * `+ -`, then `^` (right-associative, so `2^3^2` is 2^9 and `-2^2` is -4).
 */
export function parse(expression: string): Expr {
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw new CalculatorError(
      `Expression is ${expression.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}.`,
    );
  }
  if (expression.trim() === '') throw new CalculatorError('Expression is empty.');
  const parser = new Parser(expression, tokenize(expression));
  const tree = parser.additive();
  parser.expectEnd();
  return tree;
}

class Parser {
  readonly #expression: string;
  readonly #tokens: Token[];
  #index = 0;
  #depth = 0;

  constructor(expression: string, tokens: Token[]) {
    this.#expression = expression;
    this.#tokens = tokens;
  }

  additive(): Expr {
    let left = this.multiplicative();
    for (let token = this.#peek(); isOperator(token, '+', '-'); token = this.#peek()) {
      this.#index++;
      left = {
        type: 'binary',
        operator: token.operator,
        left,
        right: this.multiplicative(),
        position: token.position,
      };
    }
    return left;
  }

  multiplicative(): Expr {
    let left = this.unary();
    for (let token = this.#peek(); isOperator(token, '*', '/', '%'); token = this.#peek()) {
      this.#index++;
      left = {
        type: 'binary',
        operator: token.operator,
        left,
        right: this.unary(),
        position: token.position,
      };
    }
    return left;
  }

  unary(): Expr {
    const token = this.#peek();
    if (isOperator(token, '+', '-')) {
      this.#index++;
      return this.#nested(token, () => ({ type: 'unary', operator: token.operator, operand: this.unary() }));
    }
    return this.power();
  }

  power(): Expr {
    const base = this.primary();
    const token = this.#peek();
    if (!isOperator(token, '^')) return base;
    this.#index++;
    return this.#nested(token, () => ({
      type: 'binary',
      operator: '^',
      left: base,
      right: this.unary(),
      position: token.position,
    }));
  }

  primary(): Expr {
    const token = this.#next();
    switch (token.kind) {
      case 'number':
        if (!Number.isFinite(token.value))
          throw this.#error(`Number ${token.text} is too large`, token.position);
        return { type: 'number', value: token.value };
      case '(': {
        const inner = this.#nested(token, () => this.additive());
        this.#expect(')', token);
        return inner;
      }
      case 'name':
        return this.#name(token);
      default:
        throw this.#unexpected(token);
    }
  }

  expectEnd(): void {
    const token = this.#peek();
    if (token.kind !== 'end') {
      const hint =
        token.kind === 'number' || token.kind === 'name' || token.kind === '('
          ? ' (write multiplication with *)'
          : '';
      throw this.#error(`Expected an operator but found "${token.text}"${hint}`, token.position);
    }
  }

  #name(token: Extract<Token, { kind: 'name' }>): Expr {
    const fn = FUNCTIONS.get(token.name);
    const constant = CONSTANTS.get(token.name);
    const calls = this.#peek().kind === '(';
    if (constant !== undefined) {
      if (calls) throw this.#error(`"${token.text}" is a constant, not a function`, token.position);
      return { type: 'number', value: constant };
    }
    if (!fn) {
      const known = [...CONSTANTS.keys(), ...FUNCTIONS.keys()].join(', ');
      throw this.#error(`Unknown name "${token.text}" (known: ${known})`, token.position);
    }
    if (!calls) throw this.#error(`"${token.text}" is a function: write ${fn.signature}`, token.position);
    const open = this.#next();
    const args: Expr[] = [];
    const argument = () => this.#nested(open, () => this.additive());
    if (this.#peek().kind !== ')') {
      args.push(argument());
      while (this.#peek().kind === ',') {
        this.#index++;
        args.push(argument());
      }
    }
    this.#expect(')', open);
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const wanted =
        fn.maxArgs === Infinity
          ? `at least ${fn.minArgs}`
          : fn.minArgs === fn.maxArgs
            ? `${fn.minArgs}`
            : `${fn.minArgs} or ${fn.maxArgs}`;
      throw this.#error(
        `${fn.signature} takes ${wanted} argument${wanted === '1' ? '' : 's'}, got ${args.length}`,
        token.position,
      );
    }
    return { type: 'call', name: token.name, args, position: token.position };
  }

  #nested<T>(token: Token, parseInner: () => T): T {
    if (++this.#depth > MAX_DEPTH)
      throw this.#error(`Expression is nested more than ${MAX_DEPTH} levels deep`, token.position);
    try {
      return parseInner();
    } finally {
      this.#depth--;
    }
  }

  #expect(kind: ')', opener: Token): void {
    const token = this.#next();
    if (token.kind === kind) return;
    if (token.kind === 'end')
      throw this.#error(`Missing ")" for the "(" at position ${opener.position}`, token.position);
    throw this.#unexpected(token, `expected ")" or an operator`);
  }

  #unexpected(token: Token, expected = 'expected a number, name or "("'): CalculatorError {
    if (token.kind === 'end') return this.#error(`Expression ends too early: ${expected}`, token.position);
    return this.#error(`Unexpected "${token.text}": ${expected}`, token.position);
  }

  #error(message: string, position: number): CalculatorError {
    return new CalculatorError(`${message} at position ${position}${quote(this.#expression)}.`, position);
  }

  #peek(): Token {
    return this.#tokens[this.#index] ?? this.#tokens[this.#tokens.length - 1]!;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.kind !== 'end') this.#index++;
    return token;
  }
}

function isOperator<O extends Operator>(
  token: Token,
  ...operators: O[]
): token is Extract<Token, { kind: 'operator' }> & { operator: O } {
  return token.kind === 'operator' && (operators as Operator[]).includes(token.operator);
}
