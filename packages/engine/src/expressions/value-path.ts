// Paths into a JSON value, spelled the way workflow problems are reported:
// `nodes[2].params.prompt`, `headers["content-type"]`.

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `base` extended by an object key or an array index. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (IDENTIFIER.test(key)) return base ? `${base}.${key}` : key;
  return `${base}[${JSON.stringify(key)}]`;
}
