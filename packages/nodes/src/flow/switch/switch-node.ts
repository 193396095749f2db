import { defineNode } from '@weft/engine';
import { z } from 'zod';
import { passThrough } from '../passthrough.ts';

const caseSchema = z
  .object({
    port: z.string().min(1).describe('Output port this case routes to.'),
    equals: z.unknown().optional().describe('Matches when `value` equals this (deep equality).'),
    when: z.unknown().optional().describe('Matches when truthy (usually an expression).'),
  })
  .refine((c) => c.equals !== undefined || c.when !== undefined, 'a case needs `equals` or `when`');

const paramsSchema = z.object({
  value: z.unknown().optional().describe('The value cases compare with `equals`.'),
  cases: z.array(caseSchema).min(1),
  /** Route to every matching case instead of the first. */
  all: z.boolean().default(false),
});

/** Routes to the port of the first (or every) matching case, else `default`. */
export const switchNode = defineNode({
  type: 'switch',
  version: 1,
  category: 'flow',
  title: 'Switch',
  description:
    'Compares `value` with each case (`equals`) or tests each case\'s `when`; takes the port of the first match (every match with `all: true`), or `default`. Output: the node\'s input, unchanged.',
  params: paramsSchema,
  outputs: (params) => {
    // Raw params: validation asks for ports before (and whether or not) they pass the schema,
    // so a junk entry such as `cases: [~]` must not throw here.
    const cases: unknown[] = Array.isArray(params['cases']) ? params['cases'] : [];
    const ports = cases
      .map((c) => (typeof c === 'object' && c !== null ? (c as { port?: unknown }).port : undefined))
      .filter((p): p is string => typeof p === 'string' && p.length > 0);
    return [...new Set([...ports, 'default'])];
  },
  example: { value: '{{ steps.classify.output.label }}', cases: [{ port: 'bug', equals: 'bug' }, { port: 'praise', equals: 'praise' }] },
  async run(ctx) {
    const { value, cases, all } = ctx.params;
    const matches = cases
      .filter((c) => (c.when !== undefined ? Boolean(c.when) : deepEqual(c.equals, value)))
      .map((c) => c.port);
    const ports = matches.length === 0 ? ['default'] : all ? [...new Set(matches)] : [matches[0] as string];
    return { output: passThrough(ctx.inputs), ports };
  },
});

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
