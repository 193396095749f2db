// Comparing item values: the order `sort`, `aggregate` (min/max) and `filter` (gt/lt) agree on,
// and the keys `dedupe`, `aggregate` and `join` group by.
import type { Json } from '@weft/engine';

/** How a value should be compared: `auto` picks by the value itself. */
export type CompareAs = 'auto' | 'number' | 'string' | 'date';

// ISO 8601 dates and date-times: `2024-05-01`, `2024-05-01T10:00`, `2024-05-01T10:00:00.000Z`.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Epoch ms of an ISO date string, or undefined. */
export function isoDateMs(value: string): number | undefined {
  if (!ISO_DATE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

type Keyed = { rank: number; num?: number; text?: string };

function keyOf(value: Json | undefined, as: CompareAs): Keyed | undefined {
  if (value === null || value === undefined) return undefined;
  if (as === 'number') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    return Number.isNaN(n) ? undefined : { rank: 0, num: n };
  }
  if (as === 'date') {
    const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(ms) ? undefined : { rank: 0, num: ms };
  }
  if (as === 'string') return { rank: 1, text: typeof value === 'string' ? value : JSON.stringify(value) };
  if (typeof value === 'number') return { rank: 0, num: value };
  if (typeof value === 'string') {
    const ms = isoDateMs(value);
    return ms === undefined ? { rank: 2, text: value } : { rank: 1, num: ms };
  }
  if (typeof value === 'boolean') return { rank: 3, num: value ? 1 : 0 };
  return { rank: 4, text: JSON.stringify(value) };
}

/**
 * Compares two values ascending: numbers numerically, ISO dates by time, other strings naturally
 * ("item2" before "item10"), then booleans, then objects; null, missing and values that do not
 * fit `as` are reported as `undefined` so the caller can put them last in either direction.
 */
export function compareValues(a: Json | undefined, b: Json | undefined, as: CompareAs = 'auto'): number | undefined {
  const ka = keyOf(a, as);
  const kb = keyOf(b, as);
  if (!ka || !kb) return undefined;
  if (ka.rank !== kb.rank) return ka.rank - kb.rank;
  return compareKeys(ka, kb);
}

/**
 * Compares two values of the same kind (number with number or numeric string, date with date,
 * text with text); undefined when they are of different kinds, so `"x" > 3` is neither true nor false.
 */
export function compareSameKind(a: Json | undefined, b: Json | undefined): number | undefined {
  const numeric = (v: Json | undefined) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)));
  if ((typeof a === 'number' || typeof b === 'number') && numeric(a) && numeric(b)) return compareValues(a, b, 'number');
  const ka = keyOf(a, 'auto');
  const kb = keyOf(b, 'auto');
  if (!ka || !kb || ka.rank !== kb.rank) return undefined;
  return compareKeys(ka, kb);
}

function compareKeys(ka: Keyed, kb: Keyed): number {
  if (ka.num !== undefined && kb.num !== undefined) return ka.num < kb.num ? -1 : ka.num > kb.num ? 1 : 0;
  return collator.compare(ka.text ?? '', kb.text ?? '');
}

/** Sort order with nulls (and values that do not fit) last, whatever the direction. */
export function compareForSort(a: Json | undefined, b: Json | undefined, desc: boolean, as: CompareAs = 'auto'): number {
  const aMissing = keyOf(a, as) === undefined;
  const bMissing = keyOf(b, as) === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const result = compareValues(a, b, as) ?? 0;
  return desc ? -result : result;
}

/** A string equal for deeply equal JSON values (object keys sorted), for grouping and dedupe. */
export function stableKey(value: Json | undefined): string {
  if (value === undefined) return 'u';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableKey(value[k])}`).join(',')}}`;
}

/** Deep equality of JSON values. */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  return stableKey(a) === stableKey(b);
}
