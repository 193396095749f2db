// The fast path: `input.topic`, `steps["a-b"].output[0]`, `item.name`, `index` and plain
// literals are answered by reading the scope directly, with no evaluation and no worker
// round trip. Only own properties of plain data are read, so `__proto__`, `constructor` or
// `prototype` can never lead into a prototype. A missing step along the path gives
// `undefined` (rendered as null / empty), like `?.` at every step.
import type { Expression } from 'acorn';

/** How an expression can be answered without evaluating it. */
export type FastPlan =
  | { kind: 'path'; root: string; keys: readonly string[] }
  | { kind: 'constant'; value: string | number | boolean | null };

/** The fast plan for an expression tree, or undefined when it needs the sandbox. */
export function fastPlanOf(tree: Expression): FastPlan | undefined {
  let ast = tree;
  while (ast.type === 'ParenthesizedExpression') ast = ast.expression;
  if (ast.type === 'Literal') {
    const value = ast.value;
    const constant =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null;
    // Regular expressions and bigints are literals too, but not JSON.
    return constant && !('regex' in ast) && !('bigint' in ast) ? { kind: 'constant', value } : undefined;
  }
  const keys: string[] = [];
  let node: Expression = ast.type === 'ChainExpression' ? ast.expression : ast;
  while (node.type === 'MemberExpression') {
    const key = memberKey(node);
    if (key === undefined || node.object.type === 'Super') return undefined;
    keys.push(key);
    node = node.object;
  }
  if (node.type !== 'Identifier') return undefined;
  return { kind: 'path', root: node.name, keys: keys.reverse() };
}

function memberKey(node: Extract<Expression, { type: 'MemberExpression' }>): string | undefined {
  const property = node.property;
  if (!node.computed) return property.type === 'Identifier' ? property.name : undefined;
  if (property.type !== 'Literal') return undefined;
  if (typeof property.value === 'string') return property.value;
  // `a[0]` but not `a[1.5]` or `a[1e21]`, whose keys are spelled differently from the source.
  if (typeof property.value === 'number' && Number.isSafeInteger(property.value) && property.value >= 0)
    return String(property.value);
  return undefined;
}

/** The value a path reads, or `{ found: false }` when the fast path cannot answer it. */
export type PathResult = { found: true; value: unknown } | { found: false };

const NOT_FOUND: PathResult = { found: false };

/** Reads `plan` from `scope`. A root that is not an own key of `scope` (e.g. `Math`) is left to the sandbox. */
export function resolveFastPlan(plan: FastPlan, scope: Record<string, unknown>): PathResult {
  if (plan.kind === 'constant') return { found: true, value: plan.value };
  if (!Object.hasOwn(scope, plan.root)) return NOT_FOUND;
  let value: unknown = scope[plan.root];
  for (const key of plan.keys) {
    if (value === null || value === undefined) return { found: true, value: undefined };
    const next = readKey(value, key);
    if (!next.found) return NOT_FOUND;
    value = next.value;
  }
  return { found: true, value };
}

function readKey(value: unknown, key: string): PathResult {
  if (typeof value === 'string') {
    if (key === 'length') return { found: true, value: value.length };
    return { found: true, value: isIndex(key) ? value[Number(key)] : undefined };
  }
  if (typeof value !== 'object' || value === null) return { found: true, value: undefined };
  if (Array.isArray(value)) {
    if (key === 'length') return { found: true, value: value.length };
    return { found: true, value: isIndex(key) ? (value as unknown[])[Number(key)] : undefined };
  }
  // Anything but plain data (a Date, a class instance) goes to the sandbox, which sees its JSON copy.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_FOUND;
  return {
    found: true,
    value: Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined,
  };
}

function isIndex(key: string): boolean {
  return /^(0|[1-9]\d{0,15})$/.test(key);
}
