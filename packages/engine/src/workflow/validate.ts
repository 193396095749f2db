
import type { Problem } from '../errors.ts';
import { compileGraph, nodesOnForwardCycles, type CompiledGraph } from '../graph/compile.ts';
import { findTemplateProblems } from '../expressions/index.ts';
import { DEFAULT_PORT, ERROR_PORT, outputPorts, type NodeRegistry, type NodeType } from '../nodes/define-node.ts';
import { formatPath } from './problem-path.ts';
import { workflowSchema, type WorkflowDefinition, type WorkflowNode } from './schema.ts';

/** Outcome of validation: a usable workflow and its graph, or every problem found. */
export type ValidationResult =
  | { ok: true; workflow: WorkflowDefinition; graph: CompiledGraph }
  | { ok: false; problems: Problem[] };

/**
 * Validates anything (parsed YAML/JSON, a builder's object) as a workflow and reports every
 * problem at once, each with a path: schema, duplicate ids, unknown node types, bad params, bad
 * templates, dangling edges, unknown ports, cycles without `maxIterations`, unreachable nodes.
 * Never throws on bad input.
 */
export function validateWorkflow(raw: unknown, registry: NodeRegistry): ValidationResult {
  const parsed = workflowSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  }
  const workflow = parsed.data;
  const problems: Problem[] = [];
  const ids = new Map<string, number>();
  workflow.nodes.forEach((node, i) => {
    const first = ids.get(node.id);
    if (first !== undefined) {
      problems.push({ path: `nodes[${i}].id`, message: `duplicate node id '${node.id}' (first used by nodes[${first}])` });
    } else ids.set(node.id, i);
  });

  workflow.nodes.forEach((node, i) => problems.push(...nodeProblems(node, i, registry)));
  if (workflow.output !== undefined) problems.push(...findTemplateProblems(workflow.output, 'output'));
  problems.push(...edgeProblems(workflow, ids, registry));
  if (problems.length > 0) return { ok: false, problems };

  const graph = compileGraph(workflow, (node) => defaultPort(registry.get(node.type), node));
  problems.push(...graphProblems(graph, workflow, ids));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, workflow, graph };
}

/** The port an edge without `port` leaves from. */
export function defaultPort(nodeType: NodeType | undefined, node: WorkflowNode): string {
  return nodeType ? (outputPorts(nodeType, node.params)[0] ?? DEFAULT_PORT) : DEFAULT_PORT;
}

function nodeProblems(node: WorkflowNode, i: number, registry: NodeRegistry): Problem[] {
  const nodeType = registry.get(node.type);
  if (!nodeType) {
    const hint = closest(node.type, registry.list().map((t) => t.type));
    return [
      {
        path: `nodes[${i}].type`,
        message: `unknown node type '${node.type}'${hint ? ` (did you mean '${hint}'?)` : ''}`,
      },
    ];
  }
  const problems = findTemplateProblems(node.params, `nodes[${i}].params`);
  const result = nodeType.params.safeParse(node.params);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (holdsTemplate(node.params, issue.path)) continue;
      problems.push({ path: formatPath([`nodes`, i, 'params', ...issue.path]), message: issue.message });
    }
  }
  return problems;
}

/** A value written as a template is checked when rendered, not here. */
function holdsTemplate(params: unknown, path: readonly PropertyKey[]): boolean {
  let value: unknown = params;
  for (const key of path) {
    if (typeof value === 'string') break;
    if (typeof value !== 'object' || value === null) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return typeof value === 'string' && value.includes('{{');
}

function edgeProblems(workflow: WorkflowDefinition, ids: Map<string, number>, registry: NodeRegistry): Problem[] {
  const problems: Problem[] = [];
  workflow.edges.forEach((edge, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!ids.has(edge[end])) {
        problems.push({ path: `edges[${i}].${end}`, message: `no node with id '${edge[end]}'` });
      }
    }
    const source = workflow.nodes[ids.get(edge.from) ?? -1];
    const nodeType = source && registry.get(source.type);
    if (!source || !nodeType) return;
    const ports = outputPorts(nodeType, source.params);
    if (edge.port !== undefined && edge.port !== ERROR_PORT && !ports.includes(edge.port)) {
      problems.push({
        path: `edges[${i}].port`,
        message: `node '${source.id}' (${source.type}) has no output port '${edge.port}'; its ports are ${[...ports, ERROR_PORT].join(', ')}`,
      });
    }
    if (edge.port === undefined && ports.length > 1) {
      problems.push({
        path: `edges[${i}]`,
        message: `node '${source.id}' (${source.type}) has several output ports (${ports.join(', ')}): name one with 'port'`,
      });
    }
  });
  return problems;
}

function graphProblems(graph: CompiledGraph, workflow: WorkflowDefinition, ids: Map<string, number>): Problem[] {
  const problems: Problem[] = [];
  for (const edge of graph.unlimitedLoopEdges) {
    problems.push({
      path: `edges[${edge.index}]`,
      message: `'${edge.from}' → '${edge.to}' closes a loop that is entered at '${edge.to}', which has no 'maxIterations': give '${edge.to}' maxIterations (and a condition that leaves the loop)`,
    });
  }
  if (!graph.order && graph.unlimitedLoopEdges.length === 0) {
    const cycle = nodesOnForwardCycles(graph);
    problems.push({
      path: 'edges',
      message: `cycle through ${cycle.map((id) => `'${id}'`).join(', ')} does not pass through a node with 'maxIterations'`,
    });
  }
  // Start nodes have no inbound edge but loop-closing ones; every other node must be reachable from one.
  const reached = new Set(graph.sources);
  const stack = [...graph.sources];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const edge of graph.outgoing.get(id) ?? []) {
      if (!reached.has(edge.to)) {
        reached.add(edge.to);
        stack.push(edge.to);
      }
    }
  }
  for (const node of workflow.nodes) {
    if (!reached.has(node.id)) {
      problems.push({
        path: `nodes[${ids.get(node.id)}]`,
        message: `node '${node.id}' is unreachable: no path leads to it from a start node (a node without inbound edges)`,
      });
    }
  }
  return problems;
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

