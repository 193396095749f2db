import { readFileSync } from 'node:fs';
import type { Json } from '@weft/engine';
import { UsageError } from './usage.ts';

/** `--input`: `@path` reads a file; text that parses as a JSON object or array is JSON; else it is text. */
export function parseInput(value: string | undefined): Json {
  if (value === undefined) return null;
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = readFileSync(value.slice(1), 'utf8');
    } catch (error) {
      throw new UsageError(`--input ${value}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as Json;
    } catch {
      if (value.startsWith('@')) return text;
      throw new UsageError('--input looks like JSON but does not parse; quote it as text or fix the JSON');
    }
  }
  return value.startsWith('@') ? text : value;
}

/** A JSON option value (e.g. `--output`); text that is not JSON is taken as a string. */
export function parseJsonOption(value: string): Json {
  try {
    return JSON.parse(value) as Json;
  } catch {
    return value;
  }
}
