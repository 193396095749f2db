import { z } from 'zod';
import { NonRetryableError, WeftError } from '../errors.ts';
import type { Json } from '../json.ts';
import { defineNode, NodeRegistry, type NodeType } from '../nodes/define-node.ts';

/** Calls seen by the test nodes, by step id, so tests can assert what ran and how often. */
export const testNodeCalls = new Map<string, number>();

const echo = defineNode({
  type: 'test.echo',
  version: 1,
  category: 'test',
  title: 'Echo',
  description: 'Outputs `value` (or its inputs when no value is given).',
  params: z.object({ value: z.unknown().optional(), state: z.record(z.string(), z.unknown()).optional() }),
  async run(ctx) {
    testNodeCalls.set(ctx.step.id, (testNodeCalls.get(ctx.step.id) ?? 0) + 1);
    const output = (ctx.params.value ?? ctx.inputs) as Json;
    return ctx.params.state ? { output, state: ctx.params.state as Record<string, Json> } : { output };
  },
});

const fail = defineNode({
  type: 'test.fail',
  version: 1,
  category: 'test',
  title: 'Fail',
  description: 'Fails its first `times` attempts (all when absent), then outputs `value`.',
  params: z.object({
    times: z.number().int().optional(),
    code: z.string().default('NODE_FAILED'),
    retryable: z.boolean().default(true),
    value: z.unknown().optional(),
  }),
  async run(ctx) {
    testNodeCalls.set(ctx.step.id, (testNodeCalls.get(ctx.step.id) ?? 0) + 1);
    if (ctx.params.times === undefined || ctx.step.attempt <= ctx.params.times) {
      if (!ctx.params.retryable) throw new NonRetryableError(`boom on attempt ${ctx.step.attempt}`);
      throw new WeftError(ctx.params.code, `boom on attempt ${ctx.step.attempt}`, { retryable: true });
    }
    return { output: (ctx.params.value ?? 'recovered') as Json };
  },
});

const sleep = defineNode({
  type: 'test.sleep',
  version: 1,
  category: 'test',
  title: 'Sleep',
  description: 'Sleeps `ms` on the engine clock, honouring cancellation, then outputs `value`.',
  params: z.object({ ms: z.number(), value: z.unknown().optional() }),
  async run(ctx) {
    testNodeCalls.set(ctx.step.id, (testNodeCalls.get(ctx.step.id) ?? 0) + 1);
    await ctx.clock.sleep(ctx.params.ms, ctx.signal);
    return { output: (ctx.params.value ?? ctx.params.ms) as Json };
  },
});

const route = defineNode({
  type: 'test.route',
  version: 1,
  category: 'test',
  title: 'Route',
  description: 'Takes the ports listed in `take` (out of `a`, `b`, `c`).',
  params: z.object({ take: z.union([z.string(), z.array(z.string())]), value: z.unknown().optional() }),
  outputs: ['a', 'b', 'c'],
  async run(ctx) {
    testNodeCalls.set(ctx.step.id, (testNodeCalls.get(ctx.step.id) ?? 0) + 1);
    const ports = Array.isArray(ctx.params.take) ? ctx.params.take : [ctx.params.take];
    return { output: (ctx.params.value ?? null) as Json, ports };
  },
});

const pause = defineNode({
  type: 'test.wait',
  version: 1,
  category: 'test',
  title: 'Wait',
  description: 'Waits for a resume, or `ms` when given.',
  params: z.object({ ms: z.number().optional() }),
  async run(ctx) {
    const wakeAt = ctx.params.ms === undefined ? undefined : ctx.clock.now() + ctx.params.ms;
    return {
      output: null,
      wait: {
        reason: { message: 'waiting for a test' },
        ...(wakeAt === undefined ? {} : { wakeAt, timeoutOutput: 'timed out' }),
      },
    };
  },
});

const each = defineNode({
  type: 'test.each',
  version: 1,
  category: 'test',
  title: 'Each',
  description: 'Runs `node` once per item of `items` as child steps.',
  params: z.object({
    items: z.array(z.unknown()),
    node: z.object({ type: z.string(), params: z.record(z.string(), z.unknown()) }),
    concurrency: z.number().default(4),
  }),
  rawParams: ['node'],
  async run(ctx) {
    const results = await ctx.runChildren(
      ctx.params.items.map((item, index) => ({
        node: ctx.params.node,
        index,
        scope: { item: item as Json, index },
      })),
      { concurrency: ctx.params.concurrency },
    );
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok) throw new WeftError('NODE_FAILED', `an item failed: ${failed.error.message}`);
    return { output: results.map((r) => (r.ok ? r.output : null)) };
  },
});

const block = defineNode({
  type: 'test.block',
  version: 1,
  category: 'test',
  title: 'Block',
  description: 'Never finishes by itself: ends only when its signal aborts.',
  params: z.object({}),
  async run(ctx) {
    testNodeCalls.set(ctx.step.id, (testNodeCalls.get(ctx.step.id) ?? 0) + 1);
    return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true }));
  },
});

/** Small node types for engine tests. */
export const testNodeTypes: NodeType[] = [echo, fail, sleep, route, pause, each, block] as NodeType[];

/** A registry of the test node types (plus any extra). */
export function testRegistry(extra: NodeType[] = []): NodeRegistry {
  return new NodeRegistry([...testNodeTypes, ...extra]);
}
