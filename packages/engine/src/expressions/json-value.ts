// JSON conversions shared by the template engine: the same rules the sandbox applies when it
// copies a value out, so the fast path and the sandbox give the same answers.
import { ExpressionError } from '../errors.ts';
import type { Json } from '../json.ts';

/** A JSON copy of `value`: undefined, functions and symbols become null; cycles are an error. */
export function toJsonValue(value: unknown): Json {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return null;
  }
  if (value === null) return null;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : (JSON.parse(text) as Json);
  } catch (error) {
    throw new ExpressionError(`The value cannot be turned into JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** How a value reads inside surrounding text: strings as is, null as nothing, the rest as JSON. */
export function toTemplateText(value: Json): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
