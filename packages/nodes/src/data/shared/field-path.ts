// Field paths into item data: `user.address.city`, `tags[0]`, `meta["content-type"]`.
// Only own properties of plain objects and indexes of arrays are read, so no path can reach a
// prototype; `__proto__`, `constructor` and `prototype` are refused when the path is parsed.
import { isJsonObject, type Json, type JsonObject } from '@weft/engine';
import { z } from 'zod';
import { describeValue, inputError } from './items.ts';

/** One step of a field path: an object key or an array index. */
export type PathKey = string | number;

/** A parsed field path, with its spelling kept for messages. */
export interface FieldPath {
  path: string;
  keys: PathKey[];
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_PATH_LENGTH = 500;

/** Parses a dot path, or returns the reason it is not one. */
export function tryParseFieldPath(path: string): { ok: true; keys: PathKey[] } | { ok: false; message: string } {
  if (path.length === 0) return { ok: false, message: 'empty field path (write e.g. "user.name" or "tags[0]")' };
  if (path.length > MAX_PATH_LENGTH) return { ok: false, message: `field path longer than ${MAX_PATH_LENGTH} characters` };
  const keys: PathKey[] = [];
  let i = 0;
  const fail = (what: string) => ({ ok: false as const, message: `bad field path '${path}': ${what} at character ${i + 1}` });
  while (i < path.length) {
    if (path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) return fail('unclosed [');
      const inner = path.slice(i + 1, close).trim();
      if (/^(0|[1-9]\d{0,8})$/.test(inner)) keys.push(Number(inner));
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) keys.push(JSON.parse(inner) as string);
      else if (/^'[^']*'$/.test(inner)) keys.push(inner.slice(1, -1));
      else return fail('expected an index like [0] or a quoted key like ["a.b"]');
      i = close + 1;
      if (i < path.length && path[i] !== '.' && path[i] !== '[') return fail('expected . or [ after ]');
      if (path[i] === '.') {
        i += 1;
        if (i >= path.length) return fail('path ends with .');
      }
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end += 1;
    const key = path.slice(i, end);
    if (key.length === 0) return fail('empty key');
    if (key.includes(']')) return fail('unexpected ]');
    keys.push(key);
    i = end;
    if (path[i] === '.') {
      i += 1;
      if (i >= path.length) return fail('path ends with .');
    }
  }
  const forbidden = keys.find((k) => typeof k === 'string' && FORBIDDEN.has(k));
  if (forbidden !== undefined) return { ok: false, message: `field path '${path}' uses '${String(forbidden)}', which is not allowed` };
  return { ok: true, keys };
}

/** Parses a dot path; throws an INVALID_PARAMS-style error naming the path otherwise. */
export function parseFieldPath(path: string): FieldPath {
  const result = tryParseFieldPath(path);
  if (!result.ok) throw inputError(result.message);
  return { path, keys: result.keys };
}

/** A param holding a field path: checked when the workflow is validated, parsed once. */
export const fieldPathSchema = z
  .string()
  .transform((path, ctx): FieldPath => {
    const result = tryParseFieldPath(path);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return { path, keys: result.keys };
  })
  .describe('A field path such as "user.address.city" or "tags[0]".');

/** Reads `keys` from `value`: own properties and array indexes only; undefined when absent. */
export function getPath(value: Json | undefined, keys: readonly PathKey[]): Json | undefined {
  let current: Json | undefined = value;
  for (const key of keys) {
    if (current === undefined || current === null) return undefined;
    if (typeof key === 'number') {
      if (!Array.isArray(current) || key >= current.length) return undefined;
      current = current[key];
    } else {
      if (!isJsonObject(current) || !Object.hasOwn(current, key)) return undefined;
      current = current[key];
    }
  }
  return current;
}

/** Reads a field of an item, or the item itself when no field is given. */
export function readField(item: Json, field: FieldPath | undefined): Json | undefined {
  return field ? getPath(item, field.keys) : item;
}

/** Sets `keys` on `target` (mutated), creating objects or arrays on the way. */
export function setPath(target: JsonObject, field: FieldPath, value: Json): void {
  let current: Json = target;
  field.keys.forEach((key, i) => {
    const last = i === field.keys.length - 1;
    const container = current;
    if (typeof key === 'number' ? !Array.isArray(container) : !isJsonObject(container)) {
      const where = field.keys.slice(0, i).join('.') || 'the item';
      throw inputError(`cannot set '${field.path}': ${where} is ${describeValue(container)}, not ${typeof key === 'number' ? 'a list' : 'an object'}`);
    }
    const record = container as Record<string | number, Json>;
    if (last) {
      record[key] = value;
      return;
    }
    const next = Object.hasOwn(record, key) ? record[key] : undefined;
    if (next === undefined || next === null) {
      const created: Json = typeof field.keys[i + 1] === 'number' ? [] : {};
      record[key] = created;
      current = created;
    } else current = next;
  });
}

/** Removes `keys` from `target` (mutated); a missing path is not an error. Returns the removed value. */
export function deletePath(target: JsonObject, keys: readonly PathKey[]): Json | undefined {
  const parent = getPath(target, keys.slice(0, -1));
  const key = keys.at(-1);
  if (key === undefined || parent === undefined || parent === null) return undefined;
  if (typeof key === 'number' && Array.isArray(parent) && key < parent.length) return parent.splice(key, 1)[0];
  if (typeof key === 'string' && isJsonObject(parent) && Object.hasOwn(parent, key)) {
    const removed = parent[key];
    delete parent[key];
    return removed;
  }
  return undefined;
}
