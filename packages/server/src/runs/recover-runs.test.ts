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
});
