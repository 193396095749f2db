// Reads the JSON Schemas zod 4 generates for node params and decides which control edits each field.

export type JsonSchema = Record<string, unknown>;
export type Scalar = string | number | boolean | null;
type ScalarType = 'string' | 'number' | 'integer' | 'boolean';

/** How a field is edited. `json` covers everything a dedicated control would render badly. */
export type FieldKind =
  | { kind: 'string'; widget: 'text' | 'multiline' | 'model' | 'credential' }
  | { kind: 'number'; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: Scalar[] }
  /** Several scalar types (`["string", "number"]`): text that is kept a number or boolean when it reads as one. */
  | { kind: 'scalar'; types: ScalarType[] }
  | { kind: 'list'; item: FieldKind }
  | { kind: 'object'; schema: JsonSchema }
  | { kind: 'union'; discriminator: string; variants: JsonSchema[] }
  | { kind: 'json'; shape: 'object' | 'array' | 'any' };

/** Nested objects deeper than this are edited as JSON: a form five levels deep helps nobody. */
const MAX_GROUP_DEPTH = 2;

const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follows `$ref` (`#/$defs/x`, `#/definitions/x`, any local JSON pointer); keywords beside the `$ref` win. */
export function resolveSchema(schema: unknown, root: JsonSchema, depth = 0): JsonSchema {
  if (!isObject(schema)) return {};
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 32) return schema;
  const target = ref
    .slice(1)
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root);
  const { $ref: _ref, ...rest } = schema;
  return { ...resolveSchema(target, root, depth + 1), ...rest };
}

/** The object's properties in order, resolved. */
export function propertiesOf(schema: JsonSchema, root: JsonSchema): Array<[string, JsonSchema]> {
  const properties = schema['properties'];
  if (!isObject(properties)) return [];
  return Object.entries(properties).map(([key, value]) => [key, resolveSchema(value, root)]);
}

export function requiredOf(schema: JsonSchema): Set<string> {
  const required = schema['required'];
  return new Set(Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : []);
}

function branches(schema: JsonSchema, root: JsonSchema): JsonSchema[] | undefined {
  const list = schema['oneOf'] ?? schema['anyOf'];
  return Array.isArray(list) ? list.map((branch) => resolveSchema(branch, root)) : undefined;
}

/** The allowed values when the schema is an enum, a const, or a union of those. */
function enumValues(schema: JsonSchema, root: JsonSchema): Scalar[] | undefined {
  if (Array.isArray(schema['enum'])) return schema['enum'] as Scalar[];
  if ('const' in schema) return [schema['const'] as Scalar];
  const list = branches(schema, root);
  if (!list || list.length === 0) return undefined;
  const values: Scalar[] = [];
  for (const branch of list) {
    const own = enumValues(branch, root);
    if (own) values.push(...own);
    else if (branch['type'] !== 'null') return undefined;
  }
  return values;
}

/** The scalar types the schema allows (`null` ignored), or undefined when it allows anything else. */
function scalarTypes(schema: JsonSchema, root: JsonSchema): ScalarType[] | undefined {
  const list = branches(schema, root);
  if (list) {
    const all = list.map((branch) => scalarTypes(branch, root));
    if (all.some((types) => types === undefined)) return undefined;
    return [...new Set(all.flat() as ScalarType[])];
  }
  const type = schema['type'];
  const types = (Array.isArray(type) ? type : [type]).filter((t) => t !== 'null');
  if (types.length === 0 || Object.keys(schema).some((k) => k === 'properties' || k === 'items')) return undefined;
  return types.every((t) => t === 'string' || t === 'number' || t === 'integer' || t === 'boolean')
    ? (types as ScalarType[])
    : undefined;
}

/** The property every branch fixes with a `const` or `enum` (e.g. `operation`), for a union of objects. */
function discriminatorOf(variants: JsonSchema[], root: JsonSchema): string | undefined {
  const first = variants[0];
  if (!first) return undefined;
  return propertiesOf(first, root)
    .map(([key]) => key)
    .find((key) =>
      variants.every((variant) => {
        const property = propertiesOf(variant, root).find(([k]) => k === key)?.[1];
        return property !== undefined && enumValues(property, root) !== undefined;
      }),
    );
}

/** The values a union's variant accepts for its discriminator. */
export function variantValues(variant: JsonSchema, discriminator: string, root: JsonSchema): Scalar[] {
  const property = propertiesOf(variant, root).find(([key]) => key === discriminator)?.[1];
  return (property && enumValues(property, root)) ?? [];
}

const MULTILINE_NAMES = /^(prompt|system|instructions|template|code|body|text|content|message|stdin|script|question|condition|notFoundAnswer)$|(Prompt|Template|Instructions|Message|Body)$/;
const CREDENTIAL_NAMES = /^credential$|Credential$/;
const MODEL_NAMES = /^model$|Model$/;

function stringWidget(name: string, schema: JsonSchema): 'text' | 'multiline' | 'model' | 'credential' {
  const description = typeof schema['description'] === 'string' ? schema['description'] : '';
  if (CREDENTIAL_NAMES.test(name) || /name of a (stored )?credential/i.test(description)) return 'credential';
  if (MODEL_NAMES.test(name) || /provider:model/.test(description)) return 'model';
  const maxLength = schema['maxLength'];
  if (MULTILINE_NAMES.test(name) || (typeof maxLength === 'number' && maxLength > 200)) return 'multiline';
  return 'text';
}

/** Decides the control for a (resolved) field schema. `depth` is how deep in nested groups it sits. */
export function fieldKind(name: string, schema: JsonSchema, root: JsonSchema, depth = 0): FieldKind {
  const values = enumValues(schema, root);
  if (values && values.length > 0) return { kind: 'enum', options: values };
  const scalars = scalarTypes(schema, root);
  if (scalars && scalars.length === 1) {
    const [type] = scalars;
    if (type === 'string') return { kind: 'string', widget: stringWidget(name, schema) };
    if (type === 'boolean') return { kind: 'boolean' };
    return { kind: 'number', integer: type === 'integer' };
  }
  if (scalars && scalars.length > 1) {
    // integer ⊂ number: `["integer", "number"]` is just a number.
    const numeric = scalars.every((t) => t === 'number' || t === 'integer');
    return numeric ? { kind: 'number', integer: !scalars.includes('number') } : { kind: 'scalar', types: scalars };
  }
  const type = schema['type'];
  if (type === 'array') {
    const items = resolveSchema(schema['items'], root);
    const item = fieldKind(name, items, root, depth + 1);
    const simple = item.kind === 'enum' || item.kind === 'number' || item.kind === 'scalar' || (item.kind === 'string' && item.widget === 'text');
    return simple ? { kind: 'list', item } : { kind: 'json', shape: 'array' };
  }
  const list = branches(schema, root);
  if (list && list.length > 1 && depth <= MAX_GROUP_DEPTH && list.every((v) => v['type'] === 'object')) {
    const discriminator = discriminatorOf(list, root);
    if (discriminator) return { kind: 'union', discriminator, variants: list };
  }
  if (type === 'object') {
    const grouped = propertiesOf(schema, root).length > 0 && depth < MAX_GROUP_DEPTH && !isObject(schema['additionalProperties']);
    return grouped ? { kind: 'object', schema } : { kind: 'json', shape: 'object' };
  }
  return { kind: 'json', shape: 'any' };
}

const WORDS: Record<string, string> = { url: 'URL', id: 'ID', json: 'JSON', api: 'API', mcp: 'MCP', ms: '(ms)', mb: '(MB)', http: 'HTTP', iso: 'ISO' };

/** `maxTokens` → "Max tokens", `timeoutMs` → "Timeout (ms)", `spreadsheetId` → "Spreadsheet ID". */
export function humanize(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A param path as the server writes it (`auth.credential`, `args[0]`, `headers["x-key"]`). */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}
