import type { DraftEdge, DraftNode, NodeTypeInfo } from './types.ts';

/** The port a node's single output leaves from, and the one failures take. */
export const DEFAULT_PORT = 'out';
export const ERROR_PORT = 'error';

/**
 * The output ports of a node (without its error port); an unknown type has the default one. Ports
 * that depend on params (switch cases, classify labels) come from the server's last check of the
 * draft (`known`); until it answers, the type's example ports stand in.
 */
export function outputPorts(info: NodeTypeInfo | undefined, known?: readonly string[]): string[] {
  if (!info) return [DEFAULT_PORT];
  const ports = info.dynamicOutputs && known ? known : info.outputs;
  return ports.length > 0 ? [...ports] : [DEFAULT_PORT];
}

/** Ports of any node of a draft. */
export type PortsOf = (node: DraftNode) => string[];

/** Ports of the draft's nodes from their types and the ports the server computed, by node id. */
export function portsResolver(types: ReadonlyMap<string, NodeTypeInfo>, known: Readonly<Record<string, readonly string[]>>): PortsOf {
  return (node) => outputPorts(types.get(node.type), known[node.id]);
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
