import type { Engine } from '@weft/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkflow, startHarness, startRun, workflows, type Harness } from '../test-support/harness.ts';
import { collectSse, readSse } from '../test-support/sse-reader.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ config: { heartbeatMs: 20 } });
});
afterEach(() => h.close());

const stream = (path: string, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  h.server.fetch(new Request(`http://weft.test${path}`, { headers, ...(signal ? { signal } : {}) }));

/** Counts live subscriptions to the engine, to see that streams let go of theirs. */
function countSubscriptions(engine: Engine): () => number {
  let open = 0;
  const subscribe = engine.subscribe.bind(engine);
  engine.subscribe = (runId, listener) => {
    open++;
    const off = subscribe(runId, listener);
    return () => {
      open--;
      off();
    };
  };
  return () => open;
}

describe('paged events', () => {
  it('lists events in seq order with a next page', async () => {
    const runId = await startRun(h, await createWorkflow(h, workflows.chain()));
    await h.waitForRun(runId);
    const all = await h.call('GET', `/api/runs/${runId}/events`);
    const events = all.json['events'] as { seq: number; type: string }[];
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]?.type).toBe('run.created');
    expect(events.at(-1)?.type).toBe('run.succeeded');
    expect(all.json['nextAfter']).toBeUndefined();

    const page = await h.call('GET', `/api/runs/${runId}/events?after=2&limit=3`);
    expect((page.json['events'] as { seq: number }[]).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(page.json['nextAfter']).toBe(5);
    expect((await h.call('GET', '/api/runs/nope/events')).status).toBe(404);
    expect((await h.call('GET', `/api/runs/${runId}/events?after=-1`)).json.error?.path).toBe('query.after');
  });
});

describe('the SSE stream', () => {
  it('sends every event with id = seq and event = type, then ends after the final one', async () => {
    const runId = await startRun(h, await createWorkflow(h, workflows.chain()));
    const response = await stream(`/api/runs/${runId}/events/stream`);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const messages = await collectSse(response.body!);
    const seqs = messages.map((m) => Number(m.id));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    for (const m of messages) {
      const event = JSON.parse(m.data!) as { seq: number; type: string; runId: string };
      expect(event).toMatchObject({ seq: Number(m.id), type: m.event, runId });
    }
    expect(messages.at(-1)?.event).toBe('run.succeeded');
  });

  it('resumes after Last-Event-ID (which wins over ?after) and after ?after', async () => {
    const runId = await startRun(h, await createWorkflow(h, workflows.chain()));
    await h.waitForRun(runId);
    const full = await collectSse((await stream(`/api/runs/${runId}/events/stream`)).body!);
    const resumed = await collectSse((await stream(`/api/runs/${runId}/events/stream?after=1`, { 'last-event-id': '4' })).body!);
    expect(resumed.map((m) => m.id)).toEqual(full.slice(4).map((m) => m.id));
    const after = await collectSse((await stream(`/api/runs/${runId}/events/stream?after=6`)).body!);
    expect(after.map((m) => m.id)).toEqual(full.slice(6).map((m) => m.id));
    const bad = await stream(`/api/runs/${runId}/events/stream`, { 'last-event-id': 'x' });
    expect(bad.status).toBe(400);
  });

  it('follows a run live across a wait, with heartbeats, none lost or repeated', async () => {
    const runId = await startRun(h, await createWorkflow(h, workflows.approval()));
    const response = await stream(`/api/runs/${runId}/events/stream`);
    const seen: string[] = [];
    let heartbeats = 0;
    for await (const block of readSse(response.body!)) {
      if (block.comment === 'ping') heartbeats++;
      if (block.data === undefined) continue;
      seen.push(block.id!);
      if (block.event === 'run.waiting') {
        // Resumed while the stream is open, after a few heartbeat intervals: the rest arrives live.
        await new Promise((resolve) => setTimeout(resolve, 70));
        await h.call('POST', `/api/runs/${runId}/resume`, { body: { output: { ok: 1 } } });
      }
    }
    expect(heartbeats).toBeGreaterThanOrEqual(1);
    expect(seen).toEqual(seen.map((_, i) => String(i + 1)));
    const stored = (await h.call('GET', `/api/runs/${runId}/events`)).json['events'] as unknown[];
    expect(seen).toHaveLength(stored.length);
  });

  it('lets go of its subscription when the client disconnects', async () => {
    const open = countSubscriptions(h.engine);
    const runId = await startRun(h, await createWorkflow(h, workflows.approval()));
    await h.waitForRun(runId, (s) => s === 'waiting');
    const before = open();
    const controller = new AbortController();
    const response = await stream(`/api/runs/${runId}/events/stream`, {}, controller.signal);
    const reader = readSse(response.body!);
    await reader.next();
    expect(open()).toBe(before + 1);
    controller.abort();
    await reader.return(undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(open()).toBe(before);
  });

  it('answers 404 for an unknown run', async () => {
    expect((await stream('/api/runs/nope/events/stream')).status).toBe(404);
  });
});

describe('the stream of all runs’ status changes', () => {
  it('sends run.* changes of every run', async () => {
    const controller = new AbortController();
    const response = await stream('/api/events/runs', {}, controller.signal);
    const id = await createWorkflow(h, workflows.chain());
    const runId = await startRun(h, id);
    const changes: { runId: string; status: string; type: string; workflowId?: string }[] = [];
    for await (const block of readSse(response.body!)) {
      if (!block.data) continue;
      changes.push(JSON.parse(block.data) as (typeof changes)[number]);
      if (block.event === 'run.succeeded') break;
    }
    controller.abort();
    expect(changes.map((c) => [c.type, c.status])).toEqual([
      ['run.created', 'queued'],
      ['run.started', 'running'],
      ['run.succeeded', 'succeeded'],
    ]);
    expect(changes[0]).toMatchObject({ runId, workflowId: id });
  });
});

describe('the WebSocket route in-process', () => {
  it('answers 426 without an upgrade and 404 for an unknown run', async () => {
    const runId = await startRun(h, await createWorkflow(h, workflows.chain()));
    expect((await h.call('GET', `/api/runs/${runId}/ws`)).status).toBe(426);
    expect((await h.call('GET', `/api/runs/${runId}/ws`, { headers: { upgrade: 'websocket' } })).status).toBe(426);
    expect((await h.call('GET', '/api/runs/nope/ws')).status).toBe(404);
  });
});
