// Workflow ⇄ YAML text for the editor's YAML view: a stable, minimal rendering and a parse that says
// where the text is wrong. Full validation is the server's job; this only checks the shape it needs.
import type { WorkflowInput } from '@weft/api';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Node as YamlNode } from 'yaml';

const WORKFLOW_KEYS = ['id', 'name', 'description', 'defaults', 'inputSchema', 'state', 'output', 'workspace', 'env', 'triggers', 'nodes', 'edges'];
const NODE_KEYS = ['id', 'type', 'name', 'params', 'retry', 'timeoutMs', 'maxIterations', 'position'];
const EDGE_KEYS = ['from', 'to', 'port'];
const TRIGGER_KEYS = ['type', 'name', 'path'];

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object with `order` first (in that order), then any other keys as they were; undefined values dropped. */
function ordered(object: Plain, order: readonly string[]): Plain {
  const out: Plain = {};
  for (const key of [...order, ...Object.keys(object)]) {
    if (key in out || object[key] === undefined) continue;
    out[key] = object[key];
  }
  return out;
}

function orderNode(node: unknown): unknown {
  if (!isPlain(node)) return node;
  const out = ordered(node, NODE_KEYS);
  // Empty params are the default: leaving them out keeps the file short.
  if (isPlain(out['params']) && Object.keys(out['params']).length === 0) delete out['params'];
  const position = out['position'];
  if (isPlain(position) && typeof position['x'] === 'number' && typeof position['y'] === 'number') {
    out['position'] = { ...position, x: Math.round(position['x']), y: Math.round(position['y']) };
  }
  return out;
}

/** The workflow as YAML: keys in a fixed order, positions rounded, no anchors, long lines left whole. */
export function toYaml(definition: WorkflowInput): string {
  const workflow = ordered(definition as Plain, WORKFLOW_KEYS);
  if (Array.isArray(workflow['nodes'])) workflow['nodes'] = workflow['nodes'].map(orderNode);
  if (Array.isArray(workflow['edges'])) workflow['edges'] = workflow['edges'].map((e) => (isPlain(e) ? ordered(e, EDGE_KEYS) : e));
  if (Array.isArray(workflow['triggers'])) workflow['triggers'] = workflow['triggers'].map((t) => (isPlain(t) ? ordered(t, TRIGGER_KEYS) : t));
  return stringify(workflow, { aliasDuplicateObjects: false, lineWidth: 0 });
}

export interface YamlError {
  message: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
}

export type FromYamlResult = { ok: true; definition: WorkflowInput } | { ok: false; error: YamlError };

/**
 * Parses YAML text as a workflow: syntax errors with their line and column; a document that is not a
 * mapping with a `nodes` list says what is wrong (and where, when it can). Nothing more is checked.
 */
export function fromYaml(text: string): FromYamlResult {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const [syntax] = document.errors;
  if (syntax) {
    const at = syntax.linePos?.[0];
    return { ok: false, error: { message: firstLine(syntax.message), line: at?.line, column: at?.col } };
  }
  const where = (node: unknown): Pick<YamlError, 'line' | 'column'> => {
    const offset = (node as YamlNode | null)?.range?.[0];
    if (offset === undefined) return {};
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  const root = document.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    return fail('The YAML is empty: a workflow needs at least `name:` and a `nodes:` list.');
  }
  if (!isMap(root)) {
    const got = isSeq(root) ? 'a list' : 'a single value';
    return fail(`The YAML is ${got}, but a workflow is a mapping with \`name:\` and \`nodes:\` keys.`, where(root));
  }
  const nodes = root.get('nodes', true);
  if (nodes === undefined) {
    return fail('The workflow has no `nodes:` key: list its steps under `nodes:` (each with `id` and `type`).', where(root));
  }
  if (!isSeq(nodes)) {
    return fail('`nodes:` must be a list of steps (lines starting with `- id: …`), not a single value or a mapping.', where(nodes));
  }
  const bad = nodes.items.findIndex((item) => !isMap(item));
  if (bad !== -1) {
    return fail(`nodes[${bad}] must be a mapping with \`id:\` and \`type:\`, not a single value.`, where(nodes.items[bad]));
  }
  let definition: unknown;
  try {
    definition = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  return { ok: true, definition: definition as WorkflowInput };
}

function fail(message: string, at: Pick<YamlError, 'line' | 'column'> = {}): FromYamlResult {
  return { ok: false, error: { message, ...at } };
}

/** The yaml library's pretty message starts with the summary; the rest repeats the source line. */
function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/** Whether two definitions render to the same YAML (key order, rounding and empty params aside). */
export function sameWorkflow(a: WorkflowInput, b: WorkflowInput): boolean {
  return toYaml(a) === toYaml(b);
}

/**
 * The 1-based line of a problem's path (`nodes[1].params.url`) in the YAML text: the deepest part of the
 * path that exists, so a missing key points at its parent. Undefined when the text does not parse.
 */
export function lineOfPath(text: string, path: string): number | undefined {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  if (document.errors.length > 0) return undefined;
  const segments = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : m[3] !== undefined ? (JSON.parse(`"${m[3]}"`) as string) : (m[1] as string),
  );
  let node: unknown = document.contents;
  let found: unknown = node;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      found = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) break;
      found = node;
    } else break;
  }
  const offset = (found as YamlNode | null)?.range?.[0];
  return offset === undefined ? undefined : lines.linePos(offset).line;
}
