import { z } from 'zod';
import type { Json, JsonObject } from '@weft/engine';

/** Result of checking a model's answer against a JSON Schema. */
export type StructuredCheck = { ok: true; value: Json } | { ok: false; error: string };

/** Compiles a JSON Schema into a checker for model answers (JSON, possibly inside a ``` fence). */
export function structuredOutputChecker(schema: JsonObject): (text: string) => StructuredCheck {
  const validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  return (text) => {
    let value: unknown;
    try {
      value = JSON.parse(extractJson(text));
    } catch (error) {
      return { ok: false, error: `the answer is not valid JSON (${(error as Error).message})` };
    }
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

/** The JSON inside an answer: a fenced block if present, else from the first { or [ on. */
function extractJson(text: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  if (fenced?.[1]) return fenced[1].trim();
  const start = text.search(/[[{]/);
  return start >= 0 ? text.slice(start).trim() : text.trim();
}
