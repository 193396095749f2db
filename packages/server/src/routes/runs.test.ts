import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkflow, startHarness, startRun, workflows, type Harness } from '../test-support/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('starting runs', () => {
  it('creates a queued run that the workers execute', async () => {
    const id = await createWorkflow(h, workflows.chain());
    const started = await h.call('POST', `/api/workflows/${id}/runs`, {
      body: { input: 'x', model: 'openai:gpt-4o-mini', options: { concurrency: 2, timeoutMs: 60_000 } },
    });
    expect(started.status).toBe(201);
    const run = started.json['run'] as { id: string; status: string; options: unknown; workflowVersion: number };
    expect(run).toMatchObject({ status: 'queued', workflowVersion: 1, options: { model: 'openai:gpt-4o-mini', concurrency: 2, timeoutMs: 60_000 } });
    expect(started.headers.get('location')).toBe(`/api/runs/${run.id}`);
    const done = await h.waitForRun(run.id);
    expect(done).toMatchObject({ status: 'succeeded', output: 'C(B(A(x)))' });
  });

  it('pins the version a run started with', async () => {
    const id = await createWorkflow(h, workflows.chain());
    const first = await startRun(h, id, { input: 1 });
    await h.call('PUT', `/api/workflows/${id}`, { body: { ...workflows.chain(), description: 'v2' } });
    const second = await startRun(h, id, { input: 2 });
    await h.waitForRun(first);
    await h.waitForRun(second);
    expect((await h.call('GET', `/api/runs/${first}`)).json).toMatchObject({ run: { workflowVersion: 1 } });
    expect((await h.call('GET', `/api/runs/${second}`)).json).toMatchObject({ run: { workflowVersion: 2 } });
  });

  it.each([
    [{ options: { concurrency: 0 } }, 'body.options.concurrency'],
    [{ options: { timeoutMs: 1.5 } }, 'body.options.timeoutMs'],
    [{ model: '' }, 'body.model'],
    [{ inputs: 1 }, 'body'],
    [[1, 2], 'body'],
  ])('refuses %j with the path %s', async (body, path) => {
    const id = await createWorkflow(h, workflows.chain());
    const started = await h.call('POST', `/api/workflows/${id}/runs`, { body });
    expect(started.status).toBe(400);
    expect(started.json.error).toMatchObject({ code: 'INVALID_REQUEST', path });
  });

  it('accepts no body at all, and answers 404 for an unknown workflow', async () => {
    const id = await createWorkflow(h, workflows.chain());
    expect((await h.call('POST', `/api/workflows/${id}/runs`)).status).toBe(201);
    const missing = await h.call('POST', '/api/workflows/nope/runs', { body: {} });
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ code: 'NOT_FOUND', message: "Workflow 'nope' not found" });
  });
});

describe('reading runs', () => {
  it('gets a run with every step and attempt', async () => {
    const id = await createWorkflow(h, workflows.chain());
    const runId = await startRun(h, id, { input: 'x' });
    await h.waitForRun(runId);
    const got = await h.call('GET', `/api/runs/${runId}`);
    expect(got.status).toBe(200);
    const steps = got.json['steps'] as { stepId: string; status: string; attempts: unknown[] }[];
    expect(steps.map((s) => [s.stepId, s.status])).toEqual([
      ['a', 'succeeded'],
      ['b', 'succeeded'],
      ['c', 'succeeded'],
    ]);
    expect(steps[0]?.attempts).toEqual([expect.objectContaining({ attempt: 1, status: 'succeeded', output: 'A(x)' })]);
    expect((await h.call('GET', '/api/runs/nope')).status).toBe(404);
  });

  it('lists with filters and a cursor', async () => {
    const chain = await createWorkflow(h, workflows.chain());
    const flaky = await createWorkflow(h, workflows.flaky());
    const ok = [await startRun(h, chain), await startRun(h, chain)];
    const bad = await startRun(h, flaky);
    for (const id of [...ok, bad]) await h.waitForRun(id);

    const ids = async (query: string) =>
      ((await h.call('GET', `/api/runs${query}`)).json['runs'] as { id: string }[]).map((r) => r.id);
    expect((await ids('')).sort()).toEqual([...ok, bad].sort());
    expect(await ids('?status=failed')).toEqual([bad]);
    expect((await ids('?status=failed,succeeded')).length).toBe(3);
    expect((await ids(`?workflowId=${chain}`)).sort()).toEqual([...ok].sort());
    expect(await ids('?createdAfter=2999-01-01T00:00:00Z')).toEqual([]);
    expect((await ids(`?createdBefore=${Date.now() + 1000}`)).length).toBe(3);

    const first = await h.call('GET', '/api/runs?limit=2');
    expect(first.json['nextCursor']).toEqual(expect.any(String));
    const second = await h.call('GET', `/api/runs?limit=2&cursor=${first.json['nextCursor'] as string}`);
    expect(second.json['runs']).toHaveLength(1);
    expect(second.json['nextCursor']).toBeUndefined();
  });

  it.each([
    ['?status=done', 'query.status'],
    ['?limit=0', 'query.limit'],
    ['?limit=abc', 'query.limit'],
    ['?createdAfter=soon', 'query.createdAfter'],
    ['?cursor=nonsense', undefined],
  ])('refuses %s (400)', async (query, path) => {
    const listed = await h.call('GET', `/api/runs${query}`);
    expect(listed.status).toBe(400);
    if (path) expect(listed.json.error?.path).toBe(path);
  });
});
