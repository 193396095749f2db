// JavaScript syntax checks with acorn (a parser only: nothing here evaluates anything).
import { parse, parseExpressionAt, tokenizer, tokTypes, type Expression, type Options } from 'acorn';

// preserveParens: without it acorn drops the outer parentheses of `({ a: 1 })` from the
// node's range, and the check for text after the expression would see a stray ")".
const EXPRESSION_OPTIONS: Options = {
  ecmaVersion: 'latest',
  allowAwaitOutsideFunction: true,
  preserveParens: true,
};
const BODY_OPTIONS: Options = {
  ecmaVersion: 'latest',
  sourceType: 'script',
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
};
const CACHE_LIMIT = 2000;
const cache = new Map<string, ExpressionSyntax>();

/** The outcome of parsing an expression: its tree, or a plain message and the offset of the problem. */
export type ExpressionSyntax = { ok: true; ast: Expression } | { ok: false; message: string; offset: number };

/**
 * Parses `source` as exactly one JavaScript expression (whitespace and comments around it
 * are fine). Results are cached: never mutate the returned tree.
 */
export function parseExpression(source: string): ExpressionSyntax {
  const hit = cache.get(source);
  if (hit) return hit;
  const result = parseUncached(source);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(source, result);
  return result;
}

/** True when `source` is exactly one expression (no caching: for trying many candidates). */
export function isExpression(source: string): boolean {
  return parseUncached(source).ok;
}

function parseUncached(source: string): ExpressionSyntax {
  if (source.trim() === '') return { ok: false, message: 'The expression is empty', offset: 0 };
  let ast: Expression;
  try {
    ast = parseExpressionAt(source, 0, EXPRESSION_OPTIONS);
  } catch (error) {
    return { ok: false, ...acornProblem(error, 0) };
  }
  try {
    const next = tokenizer(source.slice(ast.end), EXPRESSION_OPTIONS).getToken();
    if (next.type !== tokTypes.eof) {
      return {
        ok: false,
        message: `Unexpected ${JSON.stringify(source.slice(ast.end + next.start, ast.end + next.end))} after the expression: {{ }} holds one expression, not statements`,
        offset: ast.end + next.start,
      };
    }
  } catch (error) {
    return { ok: false, ...acornProblem(error, ast.end) };
  }
  return { ok: true, ast };
}

/** Checks `code` as the body of an async function (`return` and `await` allowed). */
export function checkFunctionBody(
  code: string,
): { ok: true } | { ok: false; message: string; offset: number } {
  try {
    parse(code, BODY_OPTIONS);
    return { ok: true };
  } catch (error) {
    return { ok: false, ...acornProblem(error, 0) };
  }
}

/** acorn's message without its "(line:column)" suffix, and where the problem is. */
function acornProblem(error: unknown, base: number): { message: string; offset: number } {
  const raw = error instanceof Error ? error.message : String(error);
  const pos = (error as { pos?: unknown }).pos;
  return { message: raw.replace(/ \(\d+:\d+\)$/, ''), offset: base + (typeof pos === 'number' ? pos : 0) };
}

/** "line 2, column 5" for a 0-based offset into `text`. */
export function describeOffset(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  const column = (lines[lines.length - 1]?.length ?? 0) + 1;
  return `line ${lines.length}, column ${column}`;
}
