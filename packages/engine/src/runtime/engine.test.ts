import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode, type NodeType } from '../nodes/define-node.ts';
import type { RunEvent } from '../events.ts';
import type { Json } from '../json.ts';
import { FakeClock, MemoryRunStore, testNodeCalls, testRegistry } from '../testing/index.ts';
import { workflowSchema, type WorkflowInput } from '../workflow/schema.ts';
import { createEngine, type Engine, type EngineOptions } from './engine.ts';

let store: MemoryRunStore;
let clock: FakeClock;
let engines: Engine[];

beforeEach(() => {
  store = new MemoryRunStore();
  clock = new FakeClock();
  engines = [];
  testNodeCalls.clear();
});

afterEach(async () => {
  for (const engine of engines) await engine.close();
});

function engineWith(extra: NodeType[] = [], options: Partial<EngineOptions> = {}): Engine {
  const engine = createEngine({ store, registry: testRegistry(extra), clock, random: () => 0.5, ...options });
  engines.push(engine);
  return engine;
}

async function run(definition: WorkflowInput, input: Json = null, extra: NodeType[] = []) {
  const engine = engineWith(extra);
  const events: RunEvent[] = [];
  const { run, done } = await engine.startRun({ workflow: workflowSchema.parse(definition), input });
  engine.subscribe(run.id, (e) => events.push(e));
  const finished = await done;
  const steps = await store.getSteps(run.id);
  const stored = await store.listEvents(run.id, 0, 10_000);
  return { run: finished, steps, events, stored, engine, status: Object.fromEntries(steps.map((s) => [s.stepId, s.status])) };
}

const echo = (id: string, value: unknown = id) => ({ id, type: 'test.echo', params: { value } });

describe('engine: ordering and data flow', () => {
  it('runs a chain in order, each step seeing the outputs before it', async () => {
    const r = await run(
      {
        name: 'chain',
        nodes: [
          echo('a', '{{ input.topic }}'),
          echo('b', 'about {{ steps.a.output }}'),
          echo('c', '{{ steps.b.output.toUpperCase() }}'),
        ],
        edges: [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'c' },
        ],
      },
      { topic: 'durability' },
    );
    expect(r.run.status).toBe('succeeded');
    expect(r.run.output).toBe('ABOUT DURABILITY');
    expect(r.steps.map((s) => s.stepId)).toEqual(['a', 'b', 'c']);
    expect(r.steps[1]?.attempts[0]?.input).toEqual({ value: 'about durability' });
  });

  it('numbers events 1, 2, 3… with no gaps, and stores what it streams', async () => {
    const r = await run({ name: 'e', nodes: [echo('a'), echo('b')], edges: [{ from: 'a', to: 'b' }] });
    expect(r.stored.map((e) => e.seq)).toEqual(r.stored.map((_, i) => i + 1));
    expect(r.stored.map((e) => e.type)).toEqual([
      'run.created',
      'run.started',
      'step.started',
      'step.succeeded',
      'step.started',
      'step.succeeded',
      'run.succeeded',
    ]);
    expect(r.run.lastSeq).toBe(r.stored.length);
  });

  it('skips the branch an if did not take, transitively, and the join still runs', async () => {
    const r = await run({
      name: 'branch',
      nodes: [
        { id: 'r', type: 'test.route', params: { take: 'a' } },
        echo('onA'),
        echo('onB'),
        echo('afterB'),
        { id: 'join', type: 'test.echo', params: {} },
      ],
      edges: [
        { from: 'r', to: 'onA', port: 'a' },
        { from: 'r', to: 'onB', port: 'b' },
        { from: 'onB', to: 'afterB' },
        { from: 'onA', to: 'join' },
        { from: 'afterB', to: 'join' },
      ],
    });
    expect(r.status).toEqual({ r: 'succeeded', onA: 'succeeded', onB: 'skipped', afterB: 'skipped', join: 'succeeded' });
    expect(r.run.output).toEqual({ onA: 'onA' });
  });

  it('keeps parallel branches within the run concurrency limit', async () => {
    let running = 0;
    let peak = 0;
    const probe = defineNode({
      type: 'probe',
      version: 1,
      category: 'test',
      title: 'probe',
      description: 'counts concurrency',
      params: z.object({}),
      async run(ctx) {
        running++;
        peak = Math.max(peak, running);
        await ctx.clock.sleep(100, ctx.signal);
        running--;
        return { output: ctx.step.id };
      },
    });
    const ids = Array.from({ length: 12 }, (_, i) => `p${i}`);
    const r = await run(
      {
        name: 'fan',
        defaults: { concurrency: 3 },
        nodes: [echo('start'), ...ids.map((id) => ({ id, type: 'probe', params: {} })), { id: 'join', type: 'test.echo', params: {} }],
        edges: [...ids.map((id) => ({ from: 'start', to: id })), ...ids.map((id) => ({ from: id, to: 'join' }))],
      },
      null,
      [probe as NodeType],
    );
    expect(r.run.status).toBe('succeeded');
    expect(peak).toBe(3);
    expect(Object.keys(r.run.output as object)).toEqual(ids);
  });

  it('runs a loop as indexed iterations and leaves it when the condition says so', async () => {
    const r = await run({
      name: 'loop',
      state: { round: 0 },
      nodes: [
        { id: 'work', type: 'test.echo', params: { value: 'round {{ state.round + 1 }}', state: { round: '{{ state.round + 1 }}' } }, maxIterations: 5 },
        { id: 'check', type: 'test.route', params: { take: "{{ state.round >= 3 ? 'a' : 'b' }}" } },
        echo('done', '{{ steps.work.output }}'),
      ],
      edges: [
        { from: 'work', to: 'check' },
        { from: 'check', to: 'work', port: 'b' },
        { from: 'check', to: 'done', port: 'a' },
      ],
    });
    expect(r.run.status).toBe('succeeded');
    expect(r.steps.map((s) => s.stepId)).toEqual(['work', 'check', 'work#2', 'check#2', 'work#3', 'check#3', 'done']);
    expect(r.run.output).toBe('round 3');
    expect(r.run.state).toEqual({ round: 3 });
  });

  it('maps over a list with each item its own step, outputs in order', async () => {
    const r = await run({
      name: 'map',
      nodes: [
        {
          id: 'each',
          type: 'test.each',
          params: { items: '{{ input }}', node: { type: 'test.echo', params: { value: '{{ index }}:{{ item }}' } }, concurrency: 2 },
        },
      ],
      edges: [],
    }, ['x', 'y', 'z']);
    expect(r.run.output).toEqual(['0:x', '1:y', '2:z']);
    expect(r.steps.map((s) => s.stepId).sort()).toEqual(['each', 'each[0]', 'each[1]', 'each[2]']);
    expect(r.steps.find((s) => s.stepId === 'each[1]')?.index).toBe(1);
  });
});

describe('engine: failures, retries, timeouts, cancel', () => {
  it('retries with exponential backoff and keeps every attempt', async () => {
    const r = await run({
      name: 'retry',
      nodes: [{ id: 'flaky', type: 'test.fail', params: { times: 2 }, retry: { maxAttempts: 3, initialDelayMs: 1000, jitter: 0 } }],
      edges: [],
    });
    expect(r.run.status).toBe('succeeded');
    const step = r.steps[0];
    expect(step?.attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'succeeded']);
    const delays = r.stored.filter((e) => e.type === 'step.retrying').map((e) => (e.data as { delayMs: number }).delayMs);
    expect(delays).toEqual([1000, 2000]);
  });

  it.each([
    { name: 'a non-retryable error', params: { retryable: false }, retry: { maxAttempts: 5 }, attempts: 1 },
    { name: 'an error code outside retryOn', params: { code: 'OTHER' }, retry: { maxAttempts: 5, retryOn: ['RATE_LIMIT'] }, attempts: 1 },
    { name: 'attempts used up', params: {}, retry: { maxAttempts: 2, initialDelayMs: 10 }, attempts: 2 },
  ])('fails the run on $name', async ({ params, retry, attempts }) => {
    const r = await run({ name: 'f', nodes: [{ id: 'bad', type: 'test.fail', params, retry }, echo('after')], edges: [{ from: 'bad', to: 'after' }] });
    expect(r.run.status).toBe('failed');
    expect(r.run.error?.message).toContain("Step 'bad' failed");
    expect(r.steps[0]?.attempts).toHaveLength(attempts);
    expect(r.steps.find((s) => s.stepId === 'after')).toBeUndefined();
  });

  it('sends a failure down the error port instead of failing the run', async () => {
    const r = await run({
      name: 'err',
      nodes: [{ id: 'bad', type: 'test.fail', params: {} }, echo('ok'), echo('handler', 'handled {{ steps.bad.output.message }}')],
      edges: [
        { from: 'bad', to: 'ok' },
        { from: 'bad', to: 'handler', port: 'error' },
      ],
    });
    expect(r.run.status).toBe('succeeded');
    expect(r.status).toEqual({ bad: 'failed', ok: 'skipped', handler: 'succeeded' });
    expect(r.run.output).toBe('handled boom on attempt 1');
  });

  it('times a step out', async () => {
    const r = await run({ name: 't', nodes: [{ id: 'slow', type: 'test.sleep', params: { ms: 60_000 }, timeoutMs: 1000 }], edges: [] });
    expect(r.run.status).toBe('failed');
    expect(r.steps[0]?.attempts[0]?.error?.code).toBe('TIMEOUT');
  });

  it('times the whole run out', async () => {
    const r = await run({
      name: 't',
      defaults: { timeoutMs: 5000 },
      nodes: [{ id: 'a', type: 'test.sleep', params: { ms: 3000 } }, { id: 'b', type: 'test.sleep', params: { ms: 3000 } }],
      edges: [{ from: 'a', to: 'b' }],
    });
    expect(r.run.status).toBe('failed');
    expect(r.run.error?.code).toBe('TIMEOUT');
    expect(r.status).toEqual({ a: 'succeeded', b: 'cancelled' });
  });

  it('cancels a running run through its AbortSignal', async () => {
    const engine = engineWith();
    const { run: started, done } = await engine.startRun({
      workflow: workflowSchema.parse({ name: 'c', nodes: [{ id: 'slow', type: 'test.block', params: {} }, echo('after')], edges: [{ from: 'slow', to: 'after' }] }),
    });
    await waitFor(async () => (await store.getSteps(started.id)).some((s) => s.status === 'running'));
    await engine.cancel(started.id, 'user asked');
    const finished = await done;
    expect(finished.status).toBe('cancelled');
    expect((await store.getSteps(started.id)).map((s) => s.status)).toEqual(['cancelled']);
    await expect(engine.cancel(started.id)).rejects.toThrow(/already cancelled/);
  });
});

describe('engine: durability', () => {
  it('a second process continues a run whose owner died, without re-running completed steps', async () => {
    const never = defineNode({
      type: 'hang',
      version: 1,
      category: 'test',
      title: 'hang',
      description: 'never finishes in the first process',
      params: z.object({}),
      async run(ctx) {
        testNodeCalls.set(ctx.step.id, (testNodeCalls.get(ctx.step.id) ?? 0) + 1);
        if (testNodeCalls.get(ctx.step.id) === 1) return new Promise(() => {});
        return { output: 'second time lucky' };
      },
    });
    const definition = workflowSchema.parse({
      name: 'crash',
      nodes: [echo('a'), echo('b'), { id: 'c', type: 'hang', params: {} }, echo('d', '{{ steps.c.output }}')],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'd' },
      ],
    });
    const first = engineWith([never as NodeType], { owner: 'first', leaseMs: 1000 });
    const { run: started } = await first.startRun({ workflow: definition });
    await waitFor(async () => (await store.getSteps(started.id)).some((s) => s.stepId === 'c' && s.status === 'running'));

    clock.advance(5000);
    const second = engineWith([never as NodeType], { owner: 'second', leaseMs: 1000 });
    expect(await second.resumeOrphans()).toEqual([started.id]);
    const finished = await second.execute(started.id);
    expect(finished.status).toBe('succeeded');
    expect(finished.output).toBe('second time lucky');
    expect(Object.fromEntries(testNodeCalls)).toEqual({ a: 1, b: 1, c: 2, d: 1 });
    const c = (await store.getSteps(started.id)).find((s) => s.stepId === 'c');
    expect(c?.attempts).toHaveLength(2);
  });

  it('drains: running steps finish and commit, nothing new starts, and another process continues', async () => {
    let open = () => {};
    const gate = defineNode({
      type: 'gate',
      version: 1,
      category: 'test',
      title: 'gate',
      description: 'finishes when the test opens it',
      params: z.object({}),
      async run(ctx) {
        testNodeCalls.set(ctx.step.id, (testNodeCalls.get(ctx.step.id) ?? 0) + 1);
        await new Promise<void>((resolve) => (open = resolve));
        return { output: 'slept' };
      },
    });
    const definition = workflowSchema.parse({
      name: 'drain',
      nodes: [{ id: 'slow', type: 'gate', params: {} }, echo('after', '{{ steps.slow.output }}!')],
      edges: [{ from: 'slow', to: 'after' }],
    });
    const first = engineWith([gate as NodeType], { owner: 'first' });
    const { run: started } = await first.startRun({ workflow: definition });
    await waitFor(async () => (await store.getSteps(started.id)).some((s) => s.status === 'running'));
    const drained = first.drain();
    open();
    await drained;
    const left = await store.getRun(started.id);
    expect(left?.status).toBe('running');
    expect(left?.owner).toBeUndefined();
    expect((await store.getSteps(started.id)).map((s) => [s.stepId, s.status])).toEqual([['slow', 'succeeded']]);

    const second = engineWith([gate as NodeType], { owner: 'second' });
    expect(await second.resumeOrphans()).toEqual([started.id]);
    const finished = await second.execute(started.id);
    expect(finished.output).toBe('slept!');
    expect(testNodeCalls.get('slow')).toBe(1);
  });

  it('retries a failed step by hand: it and everything after it run again, earlier attempts kept', async () => {
    const r = await run({
      name: 'manual',
      nodes: [echo('a'), { id: 'b', type: 'test.fail', params: { times: 1, value: 'fixed' } }, echo('c', '{{ steps.b.output }}!')],
      edges: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
    });
    expect(r.run.status).toBe('failed');
    await expect(r.engine.retryStep(r.run.id, 'a')).rejects.toThrow(/only a failed or cancelled step/);
    const finished = await r.engine.retryStep(r.run.id, 'b');
    expect(finished.status).toBe('succeeded');
    expect(finished.output).toBe('fixed!');
    const steps = await store.getSteps(r.run.id);
    expect(steps.find((s) => s.stepId === 'b')?.attempts.map((a) => a.status)).toEqual(['failed', 'succeeded']);
    expect(testNodeCalls.get('a')).toBe(1);
  });

  it('waits durably for a person and continues with their answer', async () => {
    const r = await run({
      name: 'approve',
      nodes: [{ id: 'ask', type: 'test.wait', params: {} }, echo('after', 'answer: {{ steps.ask.output.ok }}')],
      edges: [{ from: 'ask', to: 'after' }],
    });
    expect(r.run.status).toBe('waiting');
    expect(r.status).toEqual({ ask: 'waiting' });
    const finished = await r.engine.resumeStep(r.run.id, 'ask', { output: { ok: true } });
    expect(finished.status).toBe('succeeded');
    expect(finished.output).toBe('answer: true');
    await expect(r.engine.resumeStep(r.run.id, 'ask', { output: {} })).rejects.toThrow(/only a waiting step/);
  });

  it('leaves a long timed wait to wakeDueRuns, which continues it once due', async () => {
    const r = await run({
      name: 'long',
      nodes: [{ id: 'pause', type: 'test.wait', params: { ms: 3_600_000 } }, echo('after', '{{ steps.pause.output }}')],
      edges: [{ from: 'pause', to: 'after' }],
    });
    expect(r.run.status).toBe('waiting');
    expect(await r.engine.wakeDueRuns()).toEqual([]);
    clock.advance(3_600_000);
    expect(await r.engine.wakeDueRuns()).toEqual([r.run.id]);
    const finished = await r.engine.execute(r.run.id);
    expect(finished.status).toBe('succeeded');
    expect(finished.output).toBe('timed out');
  });

  it('wakes a timed wait by itself', async () => {
    const r = await run({
      name: 'timer',
      nodes: [{ id: 'pause', type: 'test.wait', params: { ms: 30_000 } }, echo('after', '{{ steps.pause.output }}')],
      edges: [{ from: 'pause', to: 'after' }],
    });
    expect(r.run.status).toBe('succeeded');
    expect(r.run.output).toBe('timed out');
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
