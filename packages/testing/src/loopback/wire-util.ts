import { randomBytes } from 'node:crypto';

/** A JSON-ish object, for reading request bodies of unknown shape. */
export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Text of a content field that may be a string, a list of `{type:'text', text}` parts, or JSON. */
export function textOf(content: unknown): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (isObj(part) && typeof part.text === 'string' ? part.text : isObj(part) ? '' : textOf(part)))
      .join('');
  }
  return JSON.stringify(content);
}

/** Parses a JSON string, returning the string itself when it is not JSON (tool arguments may be either). */
export function parseJsonLoose(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Splits text into word-sized deltas whose concatenation is the text. */
export function splitWords(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Splits a string into `parts` roughly equal fragments (tool arguments arrive in pieces on real wires). */
export function fragments(text: string, parts: number): string[] {
  if (text.length === 0) return [''];
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** A provider-style random id, e.g. `call_3f9a…`. */
export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/** One server-sent event; `event` is omitted for `data:`-only streams (OpenAI, Gemini). */
export function sseEvent(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
