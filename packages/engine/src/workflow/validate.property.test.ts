// Property tests: the validator is total. Whatever it is given, it answers with a result (and
// every problem with a path and a message), never with a crash. See also validate-defects and
// load property tests.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ifNode, mapNode, mergeNode, switchNode, transformNode } from '@weft/nodes';
import type { NodeType } from '../nodes/define-node.ts';
import { testRegistry } from '../testing/index.ts';
import { validateWorkflow, type ValidationResult } from './validate.ts';

const registry = testRegistry([switchNode, ifNode, mapNode, mergeNode, transformNode] as NodeType[]);

/** Every value JavaScript can hold that fast-check can make, nested a few levels. */
const garbage = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
});

function validate(raw: unknown): ValidationResult {
  let result: ValidationResult | undefined;
  expect(() => (result = validateWorkflow(raw, registry))).not.toThrow();
  return result as ValidationResult;
}

function expectProblems(result: ValidationResult): string[] {
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(Object.keys(problem).sort()).toEqual(['message', 'path']);
    expect(typeof problem.path).toBe('string');
    expect(typeof problem.message).toBe('string');
    expect(problem.message.trim()).not.toBe('');
  }
  return result.problems.map((p) => p.path);
}

describe('validateWorkflow on garbage', () => {
  it('never throws and reports problems for any JavaScript value', () => {
    fc.assert(
      fc.property(garbage, (raw) => void expectProblems(validate(raw))),
      { numRuns: 500 },
    );
  });

  it('never throws on workflow-shaped objects whose fields are garbage', () => {
    const shaped = fc.record(
      {
        name: garbage,
        nodes: fc.oneof(garbage, fc.array(garbage, { maxLength: 4 })),
        edges: garbage,
        output: garbage,
        defaults: garbage,
      },
      { requiredKeys: ['nodes'] },
    );
    fc.assert(
      fc.property(shaped, (raw) => void expectProblems(validate(raw))),
      { numRuns: 300 },
    );
  });
});

// Near-valid workflows: a valid graph of real and test nodes (branches, joins, maps, loops),
// then up to two random defects, so runs reach every stage of validation (schema, nodes,
// edges, graph) and about a third stay valid.
const goodTemplate = fc.constantFrom(
  '{{ input }}',
  '{{ steps.n0.output }}',
  'plain',
  '{{ input.x }} and {{ state.y }}',
  '{{ "}}" }}',
);
const plainJson = fc.jsonValue({ maxDepth: 2 }).filter((v) => !/\{\{|\}\}/.test(JSON.stringify(v)));
const goodValue = fc.oneof(goodTemplate, plainJson);
const kinds = {
  transform: { ports: ['out'], params: fc.record({ value: goodValue }) },
  'test.echo': { ports: ['out'], params: fc.record({ value: goodValue }, { requiredKeys: [] }) },
  'test.route': { ports: ['a', 'b', 'c'], params: fc.record({ take: fc.constantFrom('a', ['b', 'c']) }) },
  if: { ports: ['true', 'false'], params: fc.record({ condition: goodValue }) },
  switch: {
    ports: ['x', 'y', 'default'],
    params: fc.record({
      value: goodValue,
      cases: fc.constant([
        { port: 'x', equals: 1 },
        { port: 'y', when: '{{ input }}' },
      ]),
      all: fc.boolean(),
    }),
  },
  merge: {
    ports: ['out'],
    params: fc.record({ mode: fc.constantFrom('object', 'append', 'first') }, { requiredKeys: [] }),
  },
  map: {
    ports: ['out'],
    params: fc.record({
      items: fc.constant('{{ input }}'),
      node: fc.constant({ type: 'transform', params: { value: '{{ item }}' } }),
    }),
  },
};
type Kind = keyof typeof kinds;
const validNode = fc
  .constantFrom(...(Object.keys(kinds) as Kind[]))
  .chain((type) => kinds[type].params.map((params) => ({ type, params })));

/** One loop: a head with maxIterations entered from the graph (or a start itself), and a body that closes it. */
const loopArb = fc.record({
  head: validNode,
  body: validNode,
  entry: fc.option(fc.nat(), { nil: undefined }),
});

const validGraph = fc
  .tuple(
    fc.array(validNode, { minLength: 1, maxLength: 6 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 8 }),
    fc.option(loopArb, { nil: undefined }),
  )
  .map(([shapes, pairs, loop]) => {
    const all = loop ? [...shapes, loop.head, loop.body] : shapes;
    const nodes: Array<Record<string, unknown>> = all.map((shape, i) => ({ id: `n${i}`, ...shape }));
    const portOf = (i: number, pick: number) => {
      const ports = kinds[all[i]?.type as Kind].ports;
      return ports.length > 1 ? { port: ports[pick % ports.length] } : {};
    };
    const edges: Array<Record<string, unknown>> = [];
    for (const [x, y, pick] of pairs) {
      const [from, to] = [x % shapes.length, y % shapes.length].sort((p, q) => p - q) as [number, number];
      if (from !== to) edges.push({ from: `n${from}`, to: `n${to}`, ...portOf(from, pick) });
    }
    if (loop) {
      const [head, body] = [shapes.length, shapes.length + 1];
      (nodes[head] as Record<string, unknown>).maxIterations = 3;
      if (loop.entry !== undefined)
        edges.push({
          from: `n${loop.entry % shapes.length}`,
          to: `n${head}`,
          ...portOf(loop.entry % shapes.length, 0),
        });
      edges.push(
        { from: `n${head}`, to: `n${body}`, ...portOf(head, 0) },
        { from: `n${body}`, to: `n${head}`, ...portOf(body, 1) },
      );
    }
    return { name: 'near', nodes, edges };
  });

const anyId = fc.constantFrom('n0', 'n1', 'n2', 'ghost', '', '1bad', 'has space');
const anyType = fc.constantFrom(
  'test.echo',
  'test.route',
  'test.fail',
  'test.each',
  'switch',
  'if',
  'map',
  'merge',
  'transform',
  'nope',
  'swtich',
  '',
);
const anyPort = fc.option(
  fc.constantFrom('a', 'b', 'out', 'error', 'true', 'false', 'default', 'x', 'zzz', ''),
  { nil: undefined },
);
const badTemplate = fc.constantFrom(
  '{{',
  '}}{{',
  '{{ }}',
  '{{ a. }}',
  '{{ 1 + }}',
  '{{ input }',
  '{{ `${ }}',
);
const junkCases = fc.array(
  fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.string(),
    fc.record({ port: fc.string() }),
    fc.record({ when: badTemplate }),
  ),
  { maxLength: 3 },
);
const anyParams = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(badTemplate, fc.jsonValue({ maxDepth: 2 })), {
    maxKeys: 3,
  }),
  fc.record({ cases: junkCases }),
  fc.record({ take: fc.oneof(fc.constantFrom('z', ''), fc.array(fc.string(), { maxLength: 2 })) }),
  fc.record(
    {
      items: fc.jsonValue({ maxDepth: 1 }),
      node: fc.record({ type: anyType, params: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  ),
);
/** One param of a node replaced, the others kept (so ports still match the edges). */
const paramKey = fc.constantFrom('value', 'cases', 'take', 'condition', 'items', 'node', 'mode', 'all');
const junkParam = fc.oneof(badTemplate, junkCases, fc.jsonValue({ maxDepth: 2 }));
const defect = fc.oneof(
  fc.record({ kind: fc.constant('id' as const), at: fc.nat(), value: anyId }),
  fc.record({ kind: fc.constant('type' as const), at: fc.nat(), value: anyType }),
  fc.record({ kind: fc.constant('params' as const), at: fc.nat(), value: anyParams }),
  fc.record({ kind: fc.constant('param' as const), at: fc.nat(), key: paramKey, value: junkParam }),
  fc.record({
    kind: fc.constant('maxIterations' as const),
    at: fc.nat(),
    value: fc.constantFrom(0, -1, 1.5, 10_001, '3', null),
  }),
  fc.record({ kind: fc.constant('port' as const), at: fc.nat(), value: anyPort }),
  fc.record({ kind: fc.constant('edge' as const), from: anyId, to: anyId, port: anyPort }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
);
type Defect = typeof defect extends fc.Arbitrary<infer D> ? D : never;

function applyDefect(
  workflow: { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>> },
  d: Defect,
): void {
  const node = workflow.nodes['at' in d ? d.at % workflow.nodes.length : 0] as Record<string, unknown>;
  const edge = workflow.edges['at' in d && workflow.edges.length > 0 ? d.at % workflow.edges.length : -1];
  if (d.kind === 'id') node.id = d.value;
  else if (d.kind === 'type') node.type = d.value;
  else if (d.kind === 'params') node.params = d.value;
  else if (d.kind === 'param') node.params = { ...(node.params as object), [d.key]: d.value };
  else if (d.kind === 'maxIterations') node.maxIterations = d.value;
  else if (d.kind === 'port' && edge) edge.port = d.value;
  else if (d.kind === 'edge') workflow.edges.push({ from: d.from, to: d.to, port: d.port });
  else if (d.kind === 'drop' && workflow.nodes.length > 1)
    workflow.nodes.splice(d.at % workflow.nodes.length, 1);
}

const nearValid = fc.tuple(validGraph, fc.array(defect, { maxLength: 2 })).map(([workflow, defects]) => {
  for (const d of defects) applyDefect(workflow, d);
  return workflow;
});

describe('validateWorkflow on near-valid workflows', () => {
  it('accepts every generated graph before any defect', () => {
    fc.assert(
      fc.property(validGraph, (raw) => void expect(validate(raw)).toMatchObject({ ok: true })),
      { numRuns: 300 },
    );
  });

  it('never throws; what it accepts is consistent, what it refuses comes with problems', () => {
    let accepted = 0;
    fc.assert(
      fc.property(nearValid, (raw) => {
        const result = validate(raw);
        if (!result.ok) return void expectProblems(result);
        accepted++;
        const nodeIds = result.workflow.nodes.map((n) => n.id);
        expect(new Set(nodeIds).size).toBe(nodeIds.length);
        for (const n of result.workflow.nodes) expect(registry.has(n.type)).toBe(true);
        for (const e of result.workflow.edges)
          expect([nodeIds.includes(e.from), nodeIds.includes(e.to)]).toEqual([true, true]);
        expect([...result.graph.nodes.keys()]).toEqual(nodeIds);
        expect(result.graph.sources.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
    // The generator must reach the graph checks, not stop at the schema every time.
    expect(accepted).toBeGreaterThan(100);
  });
});
