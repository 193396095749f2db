import { workflowSchema } from '@weft/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, workflows, type Harness } from '../test-support/harness.ts';

let h: Harness;
afterEach(() => h.close());

describe('picking up runs', () => {
  it('at start: queued runs left in the store run, oldest first', async () => {
    h = await startHarness({ config: { concurrency: 1, orphanSweepMs: 0 } });
    const workflow = workflowSchema.parse(workflows.chain());
    const first = await h.engine.startRun({ workflow, input: 1, enqueueOnly: true });
    // Runs created in the same millisecond have no order to keep.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await h.engine.startRun({ workflow, input: 2, enqueueOnly: true });
    expect(h.server.queue.depth + h.server.queue.active).toBe(0);
    expect(await h.server.recover()).toBe(2);
    await h.waitForRun(first.run.id);
    await h.waitForRun(second.run.id);
    const [a, b] = await Promise.all([h.store.getRun(first.run.id), h.store.getRun(second.run.id)]);
    expect(a?.startedAt).toBeLessThanOrEqual(b?.startedAt as number);
  });

  it('while running: a sweep queues runs nobody holds', async () => {
    h = await startHarness({ config: { orphanSweepMs: 20 } });
    await h.server.recover();
    // Created behind the server's back, as another process would.
    const { run } = await h.engine.startRun({ workflow: workflowSchema.parse(workflows.chain()), enqueueOnly: true });
    expect(await h.waitForRun(run.id)).toMatchObject({ status: 'succeeded' });
  });

  it('while running: the sweep wakes runs whose timed wait fell due, and serves webhooks saved elsewhere', async () => {
    h = await startHarness({ config: { orphanSweepMs: 20 }, engine: { maxInlineWaitMs: 5 } });
    await h.server.recover();
    const { run, done } = await h.engine.startRun({
      workflow: workflowSchema.parse({
        name: 'nap',
        nodes: [
          { id: 'nap', type: 'test.wait', params: { ms: 60 } },
          { id: 'after', type: 'test.echo', params: { value: 'woke' } },
        ],
        edges: [{ from: 'nap', to: 'after' }],
      }),
    });
    // Longer than the engine sleeps through: the run waits in the store until a sweep wakes it.
    expect((await done).status).toBe('waiting');
    expect(await h.waitForRun(run.id)).toMatchObject({ status: 'succeeded', output: 'woke' });

    // Saved by another process on the same database (here: behind the server's back).
    await h.store.saveWorkflowVersion('elsewhere', workflowSchema.parse({ id: 'elsewhere', name: 'elsewhere', triggers: [{ type: 'webhook', path: 'late' }], nodes: [{ id: 'a', type: 'test.echo', params: {} }] }));
    const deadline = Date.now() + 5_000;
    while ((await h.server.fetch(new Request('http://weft.test/hooks/late', { method: 'POST' }))).status !== 202) {
      if (Date.now() > deadline) throw new Error('the webhook never showed up');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
});
