// Static checks of every template inside a JSON value, for the workflow validator.
import type { Problem } from '../errors.ts';
import { describeOffset, parseExpression } from './expression-syntax.ts';
import { hasTemplateSyntax, parseTemplate, quoteExpression } from './template-parser.ts';
import { joinPath } from './value-path.ts';

/**
 * Lists template problems in `value` (any JSON, walked deeply): unbalanced `{{ }}` and
 * expressions that are not valid JavaScript. Paths extend `path`, e.g. `nodes[2].params.prompt`
 * → `nodes[2].params.prompt.messages[0]`. Evaluates nothing and never throws.
 */
export function findTemplateProblems(value: unknown, path: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new WeakSet<object>();
  // An explicit stack rather than recursion: deeply nested input cannot overflow it.
  const pending: { value: unknown; path: string }[] = [{ value, path }];
  try {
    for (let next = pending.pop(); next; next = pending.pop()) {
      if (typeof next.value === 'string') {
        if (hasTemplateSyntax(next.value)) problems.push(...problemsInString(next.value, next.path));
        continue;
      }
      if (typeof next.value !== 'object' || next.value === null || seen.has(next.value)) continue;
      seen.add(next.value);
      const children = childrenOf(next.value, next.path);
      for (let i = children.length - 1; i >= 0; i--)
        pending.push(children[i] as { value: unknown; path: string });
    }
  } catch {
    // Hostile input (a throwing proxy…) ends the walk; whatever was found is still returned.
  }
  return problems;
}

function childrenOf(container: object, path: string): { value: unknown; path: string }[] {
  const isArray = Array.isArray(container);
  const children: { value: unknown; path: string }[] = [];
  for (const key of safeKeys(container)) {
    let child: unknown;
    try {
      child = (container as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    children.push({ value: child, path: joinPath(path, isArray && /^\d+$/.test(key) ? Number(key) : key) });
  }
  return children;
}

function safeKeys(container: object): string[] {
  try {
    return Object.keys(container);
  } catch {
    return [];
  }
}

function problemsInString(text: string, path: string): Problem[] {
  let segments;
  try {
    segments = parseTemplate(text);
  } catch (error) {
    return [{ path, message: error instanceof Error ? error.message : String(error) }];
  }
  const problems: Problem[] = [];
  for (const segment of segments) {
    if (segment.type !== 'expression') continue;
    const syntax = parseExpression(segment.source);
    if (syntax.ok) continue;
    const where = describeOffset(text, segment.sourceStart + syntax.offset);
    problems.push({
      path,
      message: `Expression ${quoteExpression(segment.source)} is not valid JavaScript: ${syntax.message} (${where})`,
    });
  }
  return problems;
}
