import { z } from 'zod';
import type { Json, JsonObject } from '@weft/engine';

/** Result of checking a model's answer against a JSON Schema. */
export type StructuredCheck = { ok: true; value: Json } | { ok: false; error: string };

/** Compiles a JSON Schema into a checker for model answers (JSON, possibly inside a ``` fence). */
export function structuredOutputChecker(schema: JsonObject): (text: string) => StructuredCheck {
  const validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  return (text) => {
    const parsed = parseJsonIn(text);
    if (!parsed.ok) return { ok: false, error: `the answer is not valid JSON (${parsed.error})` };
    const value = parsed.value;
    const result = validator.safeParse(value);
    if (result.success) return { ok: true, value: result.data as Json };
    return {
      ok: false,
      error: result.error.issues
        .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
        .join('; '),
    };
  };
}

/** Why a JSON Schema cannot be used for structured output, or undefined when it can. */
export function jsonSchemaProblem(schema: JsonObject): string | undefined {
  try {
    z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Most JSON candidates tried in one answer (each costs a scan and a parse). */
const MAX_CANDIDATES = 20;

/**
 * The JSON value inside an answer: a fenced block if it parses, else the first balanced `{…}` or
 * `[…]` that parses (models wrap JSON in prose before and after). The error is the first candidate's.
 */
function parseJsonIn(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const candidates: string[] = [];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  if (fenced?.[1]) candidates.push(fenced[1].trim());
  for (let start = text.search(/[[{]/); start >= 0 && candidates.length < MAX_CANDIDATES; ) {
    const end = closingBracket(text, start);
    candidates.push(text.slice(start, end === undefined ? undefined : end + 1));
    const next = text.slice(start + 1).search(/[[{]/);
    start = next < 0 ? -1 : start + 1 + next;
  }
  if (candidates.length === 0) candidates.push(text.trim());
  let firstError: string | undefined;
  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate) as unknown };
    } catch (error) {
      firstError ??= (error as Error).message;
    }
  }
  return { ok: false, error: firstError ?? 'no JSON found' };
}

/** Index of the bracket that closes the one at `start`, ignoring brackets inside strings. */
function closingBracket(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return undefined;
}
