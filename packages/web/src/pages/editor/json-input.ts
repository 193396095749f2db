/** A run input typed by hand: JSON when it parses, else the text itself; nothing when blank. */
export function parseRunInput(text: string): { input?: unknown; asText: boolean } {
  if (!text.trim()) return { asText: false };
  try {
    return { input: JSON.parse(text) as unknown, asText: false };
  } catch {
    return { input: text, asText: true };
  }
}

/** Strict JSON from a text area, with the parser's message when it is not. */
export function parseJson(text: string, what: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `${what} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Pinned step outputs: a JSON object by node id, or nothing when blank. */
export function parsePinnedSteps(text: string): { ok: true; value: Record<string, unknown> | undefined } | { ok: false; message: string } {
  if (!text.trim()) return { ok: true, value: undefined };
  const parsed = parseJson(text, 'Pinned outputs');
  if (!parsed.ok) return parsed;
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { ok: false, message: 'Pinned outputs must be a JSON object by node id, e.g. {"fetch": {"title": "…"}}.' };
  }
  return { ok: true, value: parsed.value as Record<string, unknown> };
}
