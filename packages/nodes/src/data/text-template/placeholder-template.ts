// A small placeholder language that never evaluates anything:
//   %{path}                      the value at a field path (text as is, lists and objects as JSON)
//   %{#path} … %{/path}          repeated per element of a list (`%{.}` is the element, `%{@index}`
//                                its position), shown once for any other truthy value
//   %{^path} … %{/path}          shown when the value is missing, false, empty or null
//   %%{                          a literal `%{`
// Paths are looked up in the innermost section's element first, then outwards.
import { isJsonObject, type Json } from '@weft/engine';
import { getPath, tryParseFieldPath, type PathKey } from '../shared/field-path.ts';

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; keys: PathKey[] | '.' | '@index' }
  | { kind: 'section'; inverted: boolean; keys: PathKey[] | '.'; children: Node[] };

/** Largest output a template may produce. */
export const MAX_OUTPUT = 1_000_000;
const TAG = /%%\{|%\{([#^/]?)\s*([^}]*?)\s*\}/g;

/** A template that failed to parse or render, with where. */
export class TemplateError extends Error {}

function where(template: string, offset: number): string {
  const before = template.slice(0, offset);
  return `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}

function keysOf(path: string, template: string, offset: number): PathKey[] | '.' {
  if (path === '.') return '.';
  const parsed = tryParseFieldPath(path);
  if (!parsed.ok) throw new TemplateError(`${parsed.message} (at ${where(template, offset)})`);
  return parsed.keys;
}

/** Parses a template into a tree; throws TemplateError naming the line and column of a mistake. */
export function parsePlaceholders(template: string): Node[] {
  const root: Node[] = [];
  const stack: { name: string; offset: number; children: Node[] }[] = [{ name: '', offset: 0, children: root }];
  let last = 0;
  const top = () => stack[stack.length - 1] as { name: string; offset: number; children: Node[] };
  for (const match of template.matchAll(TAG)) {
    const offset = match.index;
    if (offset > last) top().children.push({ kind: 'text', text: template.slice(last, offset) });
    last = offset + match[0].length;
    if (match[0] === '%%{') {
      top().children.push({ kind: 'text', text: '%{' });
      continue;
    }
    const [, sigil = '', path = ''] = match;
    if (sigil === '/') {
      if (stack.length === 1 || top().name !== path) {
        const open = stack.length === 1 ? 'no section is open' : `%{#${top().name}} is still open`;
        throw new TemplateError(`%{/${path}} at ${where(template, offset)} closes nothing: ${open}`);
      }
      stack.pop();
    } else if (sigil === '#' || sigil === '^') {
      const section: Node = { kind: 'section', inverted: sigil === '^', keys: keysOf(path, template, offset), children: [] };
      top().children.push(section);
      stack.push({ name: path, offset, children: section.children });
      if (stack.length > 20) throw new TemplateError(`sections nested deeper than 20 at ${where(template, offset)}`);
    } else {
      const keys = path === '@index' ? '@index' : keysOf(path, template, offset);
      top().children.push({ kind: 'value', keys });
    }
  }
  if (last < template.length) top().children.push({ kind: 'text', text: template.slice(last) });
  if (stack.length > 1) throw new TemplateError(`%{#${top().name}} at ${where(template, top().offset)} is never closed with %{/${top().name}}`);
  return root;
}

interface Frame {
  value: Json;
  index?: number;
}

function lookup(keys: PathKey[] | '.', frames: Frame[]): Json | undefined {
  const innermost = frames[frames.length - 1] as Frame;
  if (keys === '.') return innermost.value;
  const first = keys[0];
  for (let i = frames.length - 1; i >= 0; i -= 1) {
    const frame = (frames[i] as Frame).value;
    const holds = typeof first === 'number' ? Array.isArray(frame) : isJsonObject(frame) && Object.hasOwn(frame, first as string);
    if (holds) return getPath(frame, keys);
  }
  return undefined;
}

function text(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function truthy(value: Json | undefined): boolean {
  return !(value === undefined || value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0));
}

/** Fills a parsed template from `data`. */
export function renderPlaceholders(nodes: Node[], data: Json, index?: number): string {
  const out: string[] = [];
  let size = 0;
  const push = (piece: string) => {
    size += piece.length;
    if (size > MAX_OUTPUT) throw new TemplateError(`the output would pass ${MAX_OUTPUT} characters`);
    out.push(piece);
  };
  const walk = (list: Node[], frames: Frame[]) => {
    for (const node of list) {
      if (node.kind === 'text') push(node.text);
      else if (node.kind === 'value') {
        push(node.keys === '@index' ? text((frames[frames.length - 1] as Frame).index ?? null) : text(lookup(node.keys, frames)));
      } else {
        const value = lookup(node.keys, frames);
        if (node.inverted) {
          if (!truthy(value)) walk(node.children, frames);
        } else if (Array.isArray(value)) value.forEach((element, i) => walk(node.children, [...frames, { value: element, index: i }]));
        else if (truthy(value)) walk(node.children, [...frames, { value: value as Json }]);
      }
    }
  };
  walk(nodes, [index === undefined ? { value: data } : { value: data, index }]);
  return out.join('');
}
