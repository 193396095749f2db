import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkflow, startHarness, startRun, workflows, type Harness } from '../test-support/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('cancel', () => {
  it('cancels a running run, then answers 409 for the finished run', async () => {
    const id = await createWorkflow(h, workflows.blocking());
    const runId = await startRun(h, id);
    await h.waitForRun(runId, (s) => s === 'running');
    const cancelled = await h.call('POST', `/api/runs/${runId}/cancel`, { body: { reason: 'enough' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ run: { status: 'cancelled', error: { code: 'CANCELLED' } } });
    const again = await h.call('POST', `/api/runs/${runId}/cancel`);
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already cancelled/) });
    expect((await h.call('POST', '/api/runs/nope/cancel')).status).toBe(404);
  });

  it('cancels a run still waiting for a worker', async () => {
    const h1 = await startHarness({ config: { concurrency: 1 } });
    try {
      const id = await createWorkflow(h1, workflows.blocking());
      const busy = await startRun(h1, id);
      const queued = await startRun(h1, id);
      expect(h1.server.queue.depth).toBe(1);
      const cancelled = await h1.call('POST', `/api/runs/${queued}/cancel`);
      expect(cancelled.json).toMatchObject({ run: { status: 'cancelled' } });
      await h1.call('POST', `/api/runs/${busy}/cancel`);
    } finally {
      await h1.close();
    }
  });
});

describe('retry a step', () => {
  it('retries a failed step (earlier attempts kept) and answers 409 for one that succeeded', async () => {
    const id = await createWorkflow(h, workflows.flaky());
    const runId = await startRun(h, id);
    await h.waitForRun(runId);
    expect((await h.call('POST', `/api/runs/${runId}/steps/first/retry`)).status).toBe(409);

    const retried = await h.call('POST', `/api/runs/${runId}/steps/bad/retry`);
    expect(retried.status).toBe(202);
    expect(retried.json).toMatchObject({ run: { status: 'running' } });
    const done = await h.waitForRun(runId);
    expect(done).toMatchObject({ status: 'succeeded', output: 'fixed!' });
    const steps = (await h.call('GET', `/api/runs/${runId}`)).json['steps'] as { stepId: string; attempts: { status: string }[] }[];
    expect(steps.find((s) => s.stepId === 'bad')?.attempts.map((a) => a.status)).toEqual(['failed', 'succeeded']);

    const late = await h.call('POST', `/api/runs/${runId}/steps/bad/retry`);
    expect(late.status).toBe(409);
    expect(late.json.error?.message).toMatch(/only a failed or cancelled step can be retried/);
    expect((await h.call('POST', `/api/runs/${runId}/steps/nope/retry`)).status).toBe(404);
  });
});

describe('resume a waiting run', () => {
  it('makes the payload the waiting step’s output and continues', async () => {
    const id = await createWorkflow(h, workflows.approval());
    const runId = await startRun(h, id);
    await h.waitForRun(runId, (s) => s === 'waiting');
    const resumed = await h.call('POST', `/api/runs/${runId}/resume`, { body: { output: { ok: 'yes' } } });
    expect(resumed.status).toBe(202);
    expect(await h.waitForRun(runId)).toMatchObject({ status: 'succeeded', output: 'answer: yes' });
    const again = await h.call('POST', `/api/runs/${runId}/resume`, { body: { output: 1 } });
    expect(again.status).toBe(409);
    expect(again.json.error?.message).toMatch(/only a waiting run can be resumed/);
  });

  it('asks for a stepId when several steps wait, and refuses a step that does not wait', async () => {
    const id = await createWorkflow(h, {
      name: 'two asks',
      nodes: [
        { id: 'one', type: 'test.wait', params: {} },
        { id: 'two', type: 'test.wait', params: {} },
      ],
      edges: [],
    });
    const runId = await startRun(h, id);
    await h.waitForRun(runId, (s) => s === 'waiting');
    const unnamed = await h.call('POST', `/api/runs/${runId}/resume`, { body: {} });
    expect(unnamed.status).toBe(400);
    expect(unnamed.json.error).toMatchObject({ path: 'body.stepId', message: expect.stringMatching(/one, two/) });
    expect((await h.call('POST', `/api/runs/${runId}/resume`, { body: { stepId: 'nope' } })).status).toBe(404);
    const named = await h.call('POST', `/api/runs/${runId}/resume`, { body: { stepId: 'one', output: 1 } });
    expect(named.status).toBe(202);
  });
});

describe('rerun and test a node', () => {
  it('reruns from a step with edited params, as a new run', async () => {
    const id = await createWorkflow(h, workflows.chain());
    const runId = await startRun(h, id, { input: 'x' });
    await h.waitForRun(runId);
    const rerun = await h.call('POST', `/api/runs/${runId}/rerun`, {
      body: { fromStepId: 'b', params: { value: 'B2({{ steps.a.output }})' } },
    });
    expect(rerun.status).toBe(201);
    const second = rerun.json['run'] as { id: string };
    expect(second.id).not.toBe(runId);
    expect(await h.waitForRun(second.id)).toMatchObject({
      status: 'succeeded',
      output: 'C(B2(A(x)))',
      options: { rerunOf: { runId, stepId: 'b' } },
    });
    expect((await h.call('POST', `/api/runs/${runId}/rerun`, { body: { fromStepId: 'zz' } })).status).toBe(404);
    expect((await h.call('POST', `/api/runs/${runId}/rerun`, { body: {} })).json.error?.path).toBe('body.fromStepId');
  });

  it('executes one node with pinned input and stores nothing', async () => {
    const id = await createWorkflow(h, workflows.chain());
    const tested = await h.call('POST', `/api/workflows/${id}/nodes/b/test`, { body: { steps: { a: 'pinned' } } });
    expect(tested.status).toBe(200);
    expect(tested.json).toMatchObject({ status: 'succeeded', output: 'B(pinned)' });
    const failed = await h.call('POST', `/api/workflows/${id}/nodes/a/test`, { body: { params: { value: '{{ nope.x }}' } } });
    expect(failed.json).toMatchObject({ status: 'failed', error: { code: 'EXPRESSION_ERROR' } });
    expect((await h.call('POST', `/api/workflows/${id}/nodes/zz/test`)).status).toBe(404);
    expect((await h.call('GET', '/api/runs')).json['runs']).toEqual([]);
  });
});
