import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoopbackProvider, type LoopbackProvider } from '@weft/testing';
import { createApiToken } from '@weft/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followSocket, followSse, startLiveServer, waitForStatus, type LiveServer } from './e2e-helpers.ts';

let provider: LoopbackProvider;
let dir: string;
let live: LiveServer;

const LLM_YAML = `id: explain
name: Explain
nodes:
  - id: outline
    type: llm
    params: { prompt: "Outline {{ input }}" }
  - id: draft
    type: llm
    params: { prompt: "Draft from {{ steps.outline.output }}" }
  - id: polish
    type: transform
    params: { value: "{{ steps.draft.output }}" }
edges:
  - { from: outline, to: draft }
  - { from: draft, to: polish }
`;

beforeAll(async () => {
  provider = await startLoopbackProvider({
    provider: 'openai',
    // Streamed slowly, so a client can disconnect while the run is still going.
    reply: (request) => ({
      text: `answer to ${request.messages.at(-1)?.content.slice(0, 12)} with several words streamed`,
      chunkDelayMs: 15,
    }),
  });
  dir = await mkdtemp(join(tmpdir(), 'weft-server-'));
  live = await startLiveServer({ dbPath: join(dir, 'weft.db'), openaiUrl: provider.url });
});

afterAll(async () => {
  await live?.stop();
  await provider?.close();
  await rm(dir, { recursive: true, force: true });
});

async function startRun(workflowId: string, body: unknown = {}): Promise<string> {
  const started = await live.api('POST', `/api/workflows/${workflowId}/runs`, body);
  expect(started.status).toBe(201);
  return (started.json['run'] as { id: string }).id;
}

async function createWorkflow(definition: unknown): Promise<string> {
  const created = await live.api('POST', '/api/workflows', definition);
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  return (created.json['workflow'] as { id: string }).id;
}

describe('an LLM workflow over HTTP', () => {
  it('imports YAML, runs it, and streams every event to the end', async () => {
    const created = await fetch(`${live.url}/api/workflows`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: LLM_YAML });
    expect(created.status).toBe(201);
    const runId = await startRun('explain', { input: 'durable execution' });
    const { messages, heartbeats } = await followSse(`${live.url}/api/runs/${runId}/events/stream`);
    expect(messages.map((m) => Number(m.id))).toEqual(messages.map((_, i) => i + 1));
    expect(messages.some((m) => m.event === 'llm.token')).toBe(true);
    expect(messages.at(-1)?.event).toBe('run.succeeded');
    expect(heartbeats).toBeGreaterThanOrEqual(0);
    const run = await live.api('GET', `/api/runs/${runId}`);
    expect(run.json).toMatchObject({ run: { status: 'succeeded', output: expect.stringMatching(/^answer to Draft from a/) } });
    const steps = run.json['steps'] as { stepId: string; attempts: { model?: string }[] }[];
    expect(steps.find((s) => s.stepId === 'outline')?.attempts[0]?.model).toBe('openai:test-model');
  });

  it('loses and repeats nothing when the client reconnects midway with Last-Event-ID', async () => {
    const runId = await startRun('explain', { input: 'reconnects' });
    const first = await followSse(`${live.url}/api/runs/${runId}/events/stream`, { stopAfter: 6 });
    const lastId = first.messages.at(-1)?.id as string;
    expect((await live.store.getRun(runId))?.status).not.toBe('succeeded');
    const rest = await followSse(`${live.url}/api/runs/${runId}/events/stream`, { lastEventId: lastId });
    const ids = [...first.messages, ...rest.messages].map((m) => Number(m.id));
    const stored = (await live.api('GET', `/api/runs/${runId}/events?limit=1000`)).json['events'] as { seq: number }[];
    expect(ids).toEqual(stored.map((e) => e.seq));
    expect(rest.messages.at(-1)?.event).toBe('run.succeeded');
  });

  it('gives a WebSocket client the same events as the SSE stream', async () => {
    const runId = await startRun('explain', { input: 'sockets' });
    const socketUrl = `${live.url.replace('http', 'ws')}/api/runs/${runId}/ws`;
    const [socket, sse] = await Promise.all([followSocket(socketUrl), followSse(`${live.url}/api/runs/${runId}/events/stream`)]);
    expect(socket.code).toBe(1000);
    expect(socket.events.map((e) => `${e.seq}:${e.type}`)).toEqual(sse.messages.map((m) => `${m.id}:${m.event}`));
    const resumed = await followSocket(`${socketUrl}?after=3`);
    expect(resumed.events[0]?.seq).toBe(4);
  });
});

describe('steering runs over HTTP', () => {
  it('retries a failed step and the run succeeds', async () => {
    const id = await createWorkflow({
      name: 'flaky',
      nodes: [
        { id: 'bad', type: 'test.fail', params: { times: 1, value: 'fixed' } },
        { id: 'after', type: 'transform', params: { value: '{{ steps.bad.output }}!' } },
      ],
      edges: [{ from: 'bad', to: 'after' }],
    });
    const runId = await startRun(id);
    const failed = await followSse(`${live.url}/api/runs/${runId}/events/stream`);
    expect(failed.messages.at(-1)?.event).toBe('run.failed');
    const retried = await live.api('POST', `/api/runs/${runId}/steps/bad/retry`);
    expect(retried.status).toBe(202);
    const rest = await followSse(`${live.url}/api/runs/${runId}/events/stream`, { lastEventId: failed.messages.at(-1)?.id as string });
    expect(rest.messages[0]?.event).toBe('step.reset');
    expect(rest.messages.at(-1)?.event).toBe('run.succeeded');
    expect((await live.api('GET', `/api/runs/${runId}`)).json).toMatchObject({ run: { output: 'fixed!' } });
  });

  it('cancels a slow run; the stream ends with run.cancelled; a second cancel is a 409', async () => {
    const id = await createWorkflow({ name: 'slow', nodes: [{ id: 'slow', type: 'test.block', params: {} }], edges: [] });
    const runId = await startRun(id);
    await waitForStatus(live, runId, 'running');
    const stream = followSse(`${live.url}/api/runs/${runId}/events/stream`);
    const cancelled = await live.api('POST', `/api/runs/${runId}/cancel`, { reason: 'too slow' });
    expect(cancelled).toMatchObject({ status: 200, json: { run: { status: 'cancelled' } } });
    expect((await stream).messages.at(-1)?.event).toBe('run.cancelled');
    expect((await live.api('POST', `/api/runs/${runId}/cancel`)).status).toBe(409);
  });

  it('resumes a run waiting on a person', async () => {
    const id = await createWorkflow({
      name: 'approve',
      nodes: [
        { id: 'ask', type: 'wait', params: { message: 'Ship it?' } },
        { id: 'after', type: 'transform', params: { value: 'approved: {{ steps.ask.output.approved }}' } },
      ],
      edges: [{ from: 'ask', to: 'after' }],
    });
    const runId = await startRun(id);
    await waitForStatus(live, runId, 'waiting');
    const detail = await live.api('GET', `/api/runs/${runId}`);
    expect(detail.json['steps']).toContainEqual(expect.objectContaining({ stepId: 'ask', status: 'waiting', waitingFor: expect.objectContaining({ reason: { message: 'Ship it?' } }) }));
    const resumed = await live.api('POST', `/api/runs/${runId}/resume`, { output: { approved: true } });
    expect(resumed.status).toBe(202);
    await waitForStatus(live, runId, 'succeeded');
    expect((await live.api('GET', `/api/runs/${runId}`)).json).toMatchObject({ run: { output: 'approved: true' } });
    expect((await live.api('POST', `/api/runs/${runId}/resume`, { output: 1 })).status).toBe(409);
  });
});

describe('a second server on the same database', () => {
  it('picks up queued runs at start and requires the token that now exists', async () => {
    const queued = await live.engine.startRun({ workflowId: 'explain', input: 'left queued', enqueueOnly: true });
    const { token } = await createApiToken(live.store, 'e2e');
    const second = await startLiveServer({ dbPath: '', home: dir, openaiUrl: provider.url, store: live.store });
    try {
      await waitForStatus(second, queued.run.id, 'succeeded');
      expect((await second.api('GET', '/api/runs')).status).toBe(401);
      expect((await second.api('GET', '/api/runs', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
      expect((await second.api('GET', '/api/health')).status).toBe(200);
      const socket = await followSocket(`${second.url.replace('http', 'ws')}/api/runs/${queued.run.id}/ws?access_token=${token}`);
      expect(socket.events.at(-1)?.type).toBe('run.succeeded');
      await expect(followSocket(`${second.url.replace('http', 'ws')}/api/runs/${queued.run.id}/ws`)).rejects.toThrow(/401/);
    } finally {
      await second.stop();
    }
  });
});

describe('graceful shutdown', () => {
  it('ends open streams, stops taking work, and waits for running runs only up to the timeout', async () => {
    const server = await startLiveServer({ dbPath: join(dir, 'shutdown.db'), openaiUrl: provider.url, config: { shutdownTimeoutMs: 200 } });
    const created = await server.api('POST', '/api/workflows', { name: 'slow', nodes: [{ id: 'slow', type: 'test.block', params: {} }] });
    expect(created.status).toBe(201);
    const started = await server.api('POST', '/api/workflows/slow/runs', {});
    const runId = (started.json['run'] as { id: string }).id;
    await waitForStatus(server, runId, 'running');
    const stream = followSse(`${server.url}/api/runs/${runId}/events/stream`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const began = Date.now();
    await server.listening.close();
    expect(Date.now() - began).toBeLessThan(2_000);
    expect((await stream).messages.at(-1)?.event).not.toBe('run.cancelled');
    expect(server.server.queue.accepting).toBe(false);
    // The run is left running (its lease lapses and the next start picks it up); end it for the test.
    expect((await server.store.getRun(runId))?.status).toBe('running');
    await server.engine.cancel(runId);
    await server.engine.close();
    await server.store.close();
  });
});
