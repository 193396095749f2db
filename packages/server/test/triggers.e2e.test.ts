import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '@weft/engine/testing';
import { startLoopbackProvider, type LoopbackProvider } from '@weft/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse } from '../src/test-support/sse-reader.ts';
import { startLiveServer, waitForStatus, type LiveServer } from './e2e-helpers.ts';

let provider: LoopbackProvider;
let dir: string;
let live: LiveServer;

beforeAll(async () => {
  provider = await startLoopbackProvider({
    provider: 'openai',
    // Answers with what it was told, so the test can see the history the run was given.
    reply: (request) => {
      const prompt = request.messages.at(-1)?.content ?? '';
      const said = /User: (.*)$/.exec(prompt)?.[1] ?? '?';
      const earlier = (prompt.match(/user: /g) ?? []).length;
      return { text: `reply ${earlier + 1} to ${said}`, chunkDelayMs: 5 };
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'weft-triggers-'));
  live = await startLiveServer({ dbPath: join(dir, 'weft.db'), openaiUrl: provider.url });
  expect((await live.api('POST', '/api/credentials', { name: 'hook-key', value: 'whsec-0123456789' })).status).toBe(201);
});

afterAll(async () => {
  await live?.stop();
  await provider?.close();
  await rm(dir, { recursive: true, force: true });
});

async function create(definition: unknown): Promise<void> {
  const created = await live.api('POST', '/api/workflows', definition);
  expect(created.status, JSON.stringify(created.json)).toBe(201);
}

function callHook(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${live.url}/hooks/${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

const sign = (body: string) => `sha256=${createHmac('sha256', 'whsec-0123456789').update(body).digest('hex')}`;

describe('webhooks over HTTP', () => {
  it('async with a shared secret: 202 with the run id; the secret never reaches the run', async () => {
    await create({
      id: 'orders',
      name: 'orders',
      triggers: [{ type: 'webhook', path: 'orders/new', secret: 'hook-key' }],
      nodes: [{ id: 'total', type: 'transform', params: { value: '{{ input.body.qty * input.body.price }}' } }],
    });
    const body = JSON.stringify({ qty: 3, price: 5 });
    expect((await callHook('orders/new', body)).status).toBe(401);
    expect((await callHook('orders/new', body, { 'x-weft-secret': 'wrong' })).status).toBe(401);
    const accepted = await callHook('orders/new', body, { 'x-weft-secret': 'whsec-0123456789' });
    expect(accepted.status).toBe(202);
    const { runId, status } = (await accepted.json()) as { runId: string; status: string };
    expect(status).toBe('queued');
    await waitForStatus(live, runId, 'succeeded');
    const run = await live.api('GET', `/api/runs/${runId}`);
    expect(run.json).toMatchObject({ run: { output: 15, input: { method: 'POST', path: 'orders/new', body: { qty: 3, price: 5 } } } });
    expect(JSON.stringify(run.json)).not.toContain('whsec-0123456789');
  });

  it('sync with HMAC and a respond node: answers with the respond step', async () => {
    await create({
      id: 'signed',
      name: 'signed',
      triggers: [{ type: 'webhook', path: 'signed', response: 'sync', hmac: 'hook-key' }],
      nodes: [
        { id: 'reply', type: 'respond', params: { status: 201, headers: { 'x-weft-test': 'yes' }, body: { got: '{{ input.body.event }}' } } },
      ],
    });
    const body = JSON.stringify({ event: 'paid' });
    const answered = await callHook('signed', body, { 'x-weft-signature': sign(body) });
    expect(answered.status).toBe(201);
    expect(answered.headers.get('x-weft-test')).toBe('yes');
    expect(await answered.json()).toEqual({ got: 'paid' });
    expect((await callHook('signed', body, { 'x-weft-signature': sign('{"event":"other"}') })).status).toBe(401);
    expect((await callHook('signed', body)).status).toBe(401);
  });

  it('sync past its timeout: 202 with the run id, and the run goes on', async () => {
    await create({
      id: 'slow-sync',
      name: 'slow-sync',
      triggers: [{ type: 'webhook', path: 'slow', response: 'sync', timeoutMs: 200 }],
      nodes: [
        { id: 'wait', type: 'test.sleep', params: { ms: 800, value: 'late' } },
        { id: 'reply', type: 'respond', params: { body: '{{ steps.wait.output }}' } },
      ],
      edges: [{ from: 'wait', to: 'reply' }],
    });
    const began = Date.now();
    const answered = await callHook('slow', '{}');
    expect(Date.now() - began).toBeLessThan(700);
    expect(answered.status).toBe(202);
    const { runId, status } = (await answered.json()) as { runId: string; status: string };
    expect(status).toBe('running');
    await waitForStatus(live, runId, 'succeeded');
  });

  it('sync without a respond node answers with the run output', async () => {
    await create({
      id: 'sum',
      name: 'sum',
      triggers: [{ type: 'webhook', path: 'sum', response: 'sync', methods: ['PUT'] }],
      nodes: [{ id: 'sum', type: 'transform', params: { value: { sum: '{{ input.body.a + input.body.b }}' } } }],
    });
    const answered = await fetch(`${live.url}/hooks/sum`, { method: 'PUT', body: '{"a":2,"b":3}', headers: { 'content-type': 'application/json' } });
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ sum: 5 });
    expect((await callHook('sum', '{}')).status).toBe(405);
    const listed = await live.api('GET', '/api/workflows/sum/webhooks');
    expect(listed.json).toMatchObject({ webhooks: [{ url: `${live.url}/hooks/sum`, methods: ['PUT'] }] });
  });
});

describe('chat over HTTP', () => {
  it('holds three turns: each run sees the history, the last reply streams over SSE', async () => {
    await create({
      id: 'bot',
      name: 'bot',
      triggers: [{ type: 'chat' }],
      nodes: [
        {
          id: 'answer',
          type: 'llm',
          params: { prompt: "History: {{ input.history.map((m) => m.role + ': ' + m.content).join(' | ') }}\nUser: {{ input.message }}" },
        },
      ],
    });
    const before = provider.requests.length;
    const first = await live.api('POST', '/api/chat/bot', { sessionId: 's1', message: 'hello' });
    expect(first).toMatchObject({ status: 200, json: { sessionId: 's1', reply: 'reply 1 to hello', status: 'succeeded' } });
    const second = await live.api('POST', '/api/chat/bot', { sessionId: 's1', message: 'how are you' });
    expect(second.json['reply']).toBe('reply 2 to how are you');

    const streamed = await fetch(`${live.url}/api/chat/bot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ sessionId: 's1', message: 'bye' }),
    });
    expect(streamed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events: { event?: string; data: Record<string, unknown> }[] = [];
    for await (const block of readSse(streamed.body!)) {
      if (block.data !== undefined) events.push({ ...(block.event ? { event: block.event } : {}), data: JSON.parse(block.data) as Record<string, unknown> });
    }
    expect(events[0]).toMatchObject({ event: 'run', data: { sessionId: 's1', runId: expect.any(String) } });
    const tokens = events.filter((e) => e.event === 'token').map((e) => e.data['text']).join('');
    expect(tokens).toBe('reply 3 to bye');
    expect(events.at(-1)).toEqual({ event: 'reply', data: { text: 'reply 3 to bye', runId: events[0]?.data['runId'] } });

    // The third run was given both earlier turns.
    const prompts = provider.requests.slice(before).map((r) => JSON.stringify(r.body));
    expect(prompts[2]).toContain('user: hello | assistant: reply 1 to hello | user: how are you | assistant: reply 2 to how are you');
    const messages = await live.api('GET', '/api/chat/bot/sessions/s1/messages');
    expect((messages.json['messages'] as { role: string; content: string }[]).map((m) => `${m.role}: ${m.content}`)).toEqual([
      'user: hello',
      'assistant: reply 1 to hello',
      'user: how are you',
      'assistant: reply 2 to how are you',
      'user: bye',
      'assistant: reply 3 to bye',
    ]);
    expect((await live.api('GET', '/api/chat/bot/sessions')).json).toMatchObject({ sessions: [{ sessionId: 's1', messages: 6 }] });
    expect((await live.api('POST', '/api/chat/orders', { sessionId: 's1', message: 'x' })).status).toBe(409);
    expect((await live.api('POST', '/api/chat/nope', { sessionId: 's1', message: 'x' })).status).toBe(404);
  });
});

describe('a schedule on a fake clock', () => {
  it('fires when the clock reaches the tick, through the server’s own scheduler', async () => {
    const clock = new FakeClock(Date.UTC(2026, 2, 1, 11, 58));
    const server = await startLiveServer({ dbPath: join(dir, 'schedule.db'), openaiUrl: provider.url, clock, config: { schedulePollMs: 10 } });
    try {
      const created = await server.api('POST', '/api/workflows', {
        id: 'noon',
        name: 'noon',
        triggers: [{ type: 'schedule', cron: '0 12 * * *', timezone: 'Europe/Paris', input: { report: 'daily' } }],
        nodes: [{ id: 'a', type: 'transform', params: { value: 'report {{ input.report }}' } }],
      });
      expect(created.status).toBe(201);
      const listed = await server.api('GET', '/api/schedules?workflowId=noon');
      // 12:00 in Paris is 11:00 UTC: today's tick has passed, the next is tomorrow.
      expect(listed.json).toMatchObject({ schedules: [{ id: 'noon:0', nextFireAt: Date.UTC(2026, 2, 2, 11) }] });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await server.api('GET', '/api/runs?workflowId=noon')).json['runs']).toEqual([]);

      clock.advance(24 * 3_600_000);
      const deadline = Date.now() + 5_000;
      let runs: { id: string; status: string; output?: unknown }[] = [];
      while (runs[0]?.status !== 'succeeded') {
        if (Date.now() > deadline) throw new Error(`no scheduled run: ${JSON.stringify(runs)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        runs = (await server.api('GET', '/api/runs?workflowId=noon')).json['runs'] as typeof runs;
      }
      expect(runs).toHaveLength(1);
      expect(runs[0]?.output).toBe('report daily');
      expect((await server.api('GET', '/api/schedules')).json).toMatchObject({ schedules: [{ lastFiredAt: clock.now(), nextFireAt: Date.UTC(2026, 2, 3, 11) }] });
    } finally {
      await server.stop();
    }
  });
});
