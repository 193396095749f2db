import type { DraftEdge, NodeTypeInfo } from './types.ts';

/** The port a node's single output leaves from, and the one failures take. */
export const DEFAULT_PORT = 'out';
export const ERROR_PORT = 'error';

/**
 * Ports that depend on params, mirroring the node types' own `outputs(params)` (the API lists only the
 * ports of each type's example). Raw params may be half-typed: take what names there are, never throw.
 */
const dynamicPorts: Record<string, (params: Record<string, unknown>) => string[]> = {
  switch: (params) => {
    const cases: unknown[] = Array.isArray(params['cases']) ? params['cases'] : [];
    const ports = cases.map((c) => (isObject(c) ? c['port'] : undefined)).filter(isName);
    return [...new Set([...ports, 'default'])];
  },
  classify: (params) => {
    const reserved = new Set([DEFAULT_PORT, ERROR_PORT, 'none']);
    const labels: unknown[] = Array.isArray(params['labels']) ? params['labels'] : [];
    const names = labels
      .map((l) => (typeof l === 'string' ? l : isObject(l) ? l['name'] : undefined))
      .filter(isName)
      .filter((n) => !reserved.has(n));
    return [DEFAULT_PORT, ...new Set(names), ...(params['multiLabel'] === true ? ['none'] : [])];
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** The output ports of a node (without its error port); an unknown type has the default one. */
export function outputPorts(info: NodeTypeInfo | undefined, params: Record<string, unknown> = {}): string[] {
  if (!info) return [DEFAULT_PORT];
  const dynamic = info.dynamicOutputs ? dynamicPorts[info.type] : undefined;
  const ports = dynamic ? dynamic(params) : info.outputs;
  return ports.length > 0 ? ports : [DEFAULT_PORT];
}

/** The source handle an edge leaves from: its port, else the node's first port (as the engine does). */
export function edgeSourcePort(edge: DraftEdge, ports: readonly string[]): string {
  return edge.port ?? ports[0] ?? DEFAULT_PORT;
}

/**
 * The `port` of an edge drawn from a handle: left out when the node has a single output and the edge
 * uses it (the common case, and what hand-written YAML does).
 */
export function edgePortFor(handle: string | null | undefined, ports: readonly string[]): string | undefined {
  const port = handle ?? ports[0] ?? DEFAULT_PORT;
  if (port === ERROR_PORT) return ERROR_PORT;
  return ports.length === 1 && port === ports[0] ? undefined : port;
}
