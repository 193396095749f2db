/**
 * Copies a JSON value the way a JSON round trip through a database would, but several times faster:
 * object keys holding `undefined` or functions are dropped, array holes and non-finite numbers become
 * `null`. The in-memory store copies on the way in and out so callers never share its data.
 */
export function copyJson<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  // Same refusal as JSON.stringify, so the in-memory store fails where the SQL stores do.
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'number' && !Number.isFinite(value) ? null : value;
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out[i] = item === undefined || typeof item === 'function' ? null : copy(item);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function') continue;
    // A plain assignment to "__proto__" would replace the prototype instead of adding the key JSON.parse makes.
    if (key === '__proto__')
      Object.defineProperty(out, key, {
        value: copy(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[key] = copy(item);
  }
  return out;
}
