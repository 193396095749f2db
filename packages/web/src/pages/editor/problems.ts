import type { Draft, Problem } from './types.ts';

/** Validation problems sorted by what they concern, so each shows where it belongs. */
export interface ProblemIndex {
  all: Problem[];
  /** By node id: problems of the node itself, its params and its edges. */
  byNode: Map<string, Problem[]>;
  /** By node id, then param path (`url`, `cases[0].port`): for the params form. */
  paramsByNode: Map<string, Record<string, string>>;
  /** By index in `edges`. */
  byEdge: Map<number, Problem[]>;
  /** Problems of no single node (name, triggers, a cycle…). */
  workflow: Problem[];
}

export const noProblems: ProblemIndex = indexProblems([], { name: '', nodes: [] });

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Maps each problem path to what it concerns: `nodes[2].params.url` → node 2's param `url`;
 * `edges[1].to` (a missing target) → the edge's source node; `edges[1].from` → its target; any
 * other `edges[1]…` → the edge and its source node.
 */
export function indexProblems(problems: readonly Problem[], draft: Draft): ProblemIndex {
  const index: ProblemIndex = { all: [...problems], byNode: new Map(), paramsByNode: new Map(), byEdge: new Map(), workflow: [] };
  const edges = draft.edges ?? [];
  const has = (id: string | undefined): id is string => id !== undefined && draft.nodes.some((n) => n.id === id);
  for (const problem of problems) {
    const node = /^nodes\[(\d+)\](.*)$/.exec(problem.path);
    if (node) {
      const id = draft.nodes[Number(node[1])]?.id;
      if (id === undefined) {
        index.workflow.push(problem);
        continue;
      }
      push(index.byNode, id, problem);
      const param = /^\.params(?:\.|(?=\[))(.+)$/.exec(node[2] ?? '');
      if (param?.[1]) {
        const params = index.paramsByNode.get(id) ?? {};
        params[param[1]] = params[param[1]] ? `${params[param[1]]}; ${problem.message}` : problem.message;
        index.paramsByNode.set(id, params);
      }
      continue;
    }
    const edge = /^edges\[(\d+)\](.*)$/.exec(problem.path);
    const found = edge ? edges[Number(edge[1])] : undefined;
    if (edge && found) {
      push(index.byEdge, Number(edge[1]), problem);
      const end = edge[2] === '.from' ? found.to : found.from;
      const other = edge[2] === '.from' ? found.from : found.to;
      if (has(end)) push(index.byNode, end, problem);
      else if (has(other)) push(index.byNode, other, problem);
      else index.workflow.push(problem);
      continue;
    }
    index.workflow.push(problem);
  }
  return index;
}

/** "1 problem", "3 problems". */
export function problemCount(n: number): string {
  return `${n} problem${n === 1 ? '' : 's'}`;
}
