// Property tests: a valid workflow with one defect injected is refused, with a problem at the
// path of that defect.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testRegistry } from '../testing/index.ts';
import { validateWorkflow, type ValidationResult } from './validate.ts';

const registry = testRegistry();

function validate(raw: unknown): ValidationResult {
  let result: ValidationResult | undefined;
  expect(() => (result = validateWorkflow(raw, registry))).not.toThrow();
  return result as ValidationResult;
}

function problemPaths(result: ValidationResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map((p) => p.path);
}

/** A valid DAG of test.echo nodes n0…n(k-1); every edge runs from a lower to a higher index. */
const validDag = fc.integer({ min: 1, max: 6 }).chain((count) =>
  fc.array(fc.tuple(fc.nat(count - 1), fc.nat(count - 1)), { maxLength: 8 }).map((pairs) => ({
    name: 'dag',
    nodes: Array.from({ length: count }, (_, i) => ({
      id: `n${i}`,
      type: 'test.echo',
      params: { value: `v${i}` },
    })),
    edges: pairs
      .filter(([x, y]) => x !== y)
      .map(([x, y]) => ({ from: `n${Math.min(x, y)}`, to: `n${Math.max(x, y)}` })),
  })),
);

type Dag = { name: string; nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>> };

/** One defect each: how to inject it, and the path of the problem it must produce. */
const defects: Record<string, (w: Dag) => string> = {
  'a dangling edge': (w) => `edges[${w.edges.push({ from: 'n0', to: 'ghost' }) - 1}].to`,
  'an unknown node type': (w) => (
    ((w.nodes[0] as Record<string, unknown>).type = 'test.ech'),
    'nodes[0].type'
  ),
  'a duplicate id': (w) => `nodes[${w.nodes.push({ id: 'n0', type: 'test.echo' }) - 1}].id`,
  'bad params': (w) => (
    ((w.nodes[0] as Record<string, unknown>).params = { state: 'not an object' }),
    'nodes[0].params.state'
  ),
  'a broken template': (w) => (
    ((w.nodes[0] as Record<string, unknown>).params = { value: '{{ 1 + }}' }),
    'nodes[0].params.value'
  ),
  'an unknown port': (w) => {
    w.nodes.push({ id: 'r', type: 'test.route', params: { take: 'a' } });
    return `edges[${w.edges.push({ from: 'r', to: 'n0', port: 'zzz' }) - 1}].port`;
  },
  'no port from a multi-port node': (w) => {
    w.nodes.push({ id: 'r', type: 'test.route', params: { take: 'a' } });
    return `edges[${w.edges.push({ from: 'r', to: 'n0' }) - 1}]`;
  },
  'a cycle without maxIterations': (w) => {
    w.nodes.push({ id: 'c1', type: 'test.echo' }, { id: 'c2', type: 'test.echo' });
    const closing = w.edges.push({ from: 'n0', to: 'c1' }, { from: 'c1', to: 'c2' }, { from: 'c2', to: 'c1' }) - 1;
    return `edges[${closing}]`;
  },
  // A loop head whose only inbound edge closes its loop is a start node; a cycle without one has no way in.
  'a cycle nothing leads into': (w) => {
    const at = w.nodes.push({ id: 'u1', type: 'test.echo' }, { id: 'u2', type: 'test.echo' }) - 2;
    w.edges.push({ from: 'u1', to: 'u2' }, { from: 'u2', to: 'u1' });
    return `nodes[${at}]`;
  },
};

describe('validateWorkflow on valid workflows with one defect', () => {
  it('accepts every generated DAG as it is', () => {
    fc.assert(
      fc.property(validDag, (raw) => void expect(validate(raw).ok).toBe(true)),
      { numRuns: 200 },
    );
  });

  it.each(Object.keys(defects))('refuses %s, with a problem at its path', (name) => {
    const inject = defects[name] as (w: Dag) => string;
    fc.assert(
      fc.property(validDag, (raw) => {
        const path = inject(raw);
        expect(problemPaths(validate(raw))).toContain(path);
      }),
      { numRuns: 100 },
    );
  });
});

describe('validateWorkflow: loops', () => {
  // The loop is entered at `review`, so that is where maxIterations belongs, whatever `revise` holds.
  it('names the node to give maxIterations when the cycle already holds one elsewhere', () => {
    const result = validate({
      name: 'review-loop',
      nodes: [
        { id: 'write', type: 'test.echo' },
        { id: 'review', type: 'test.echo' },
        { id: 'revise', type: 'test.echo', maxIterations: 3 },
      ],
      edges: [
        { from: 'write', to: 'review' },
        { from: 'review', to: 'revise' },
        { from: 'revise', to: 'review' },
      ],
    });
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : (result.problems[0]?.message ?? '');
    expect(message).not.toContain('does not pass through a node with');
    expect(message).toMatch(/'review'.*maxIterations/);
  });
});
