// Turns a scalar param into the text a control shows and back, keeping numbers and booleans typed.
import { isTemplate } from './form-context.ts';
import type { FieldKind } from './json-schema.ts';

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The text a control shows for `value`. Enum values are JSON, so `1` and `"1"` stay apart. */
export function toText(value: unknown, kind: FieldKind): string {
  if (value === undefined) return '';
  if (kind.kind === 'enum' && !isTemplate(value)) return JSON.stringify(value);
  return typeof value === 'string' ? value : String(value);
}

/** The value for a control's (non-empty) text: a template stays text; numbers and booleans become typed. */
export function fromText(text: string, kind: FieldKind): unknown {
  if (isTemplate(text)) return text;
  if (kind.kind === 'enum') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (kind.kind === 'number') return NUMBER.test(text.trim()) ? Number(text) : text;
  if (kind.kind === 'scalar') {
    const numeric = kind.types.includes('number') || kind.types.includes('integer');
    if (numeric && NUMBER.test(text.trim())) return Number(text);
    if (kind.types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  }
  return text;
}
