import { workflowSchema, type WorkflowInput } from '@weft/engine';
import { FakeClock } from '@weft/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkflow, startHarness, type Harness } from '../test-support/harness.ts';

let h: Harness;
afterEach(() => h.close());

const hooked = (id: string, path: string, extra: Record<string, unknown> = {}): WorkflowInput => ({
  id,
  name: id,
  triggers: [{ type: 'webhook', path, ...extra }] as WorkflowInput['triggers'],
  nodes: [{ id: 'a', type: 'test.echo', params: { value: '{{ input.body.n }}' } }],
});
const scheduled = (id: string, cron: string, extra: Record<string, unknown> = {}): WorkflowInput => ({
  id,
  name: id,
  triggers: [{ type: 'schedule', cron, ...extra }] as WorkflowInput['triggers'],
  nodes: [{ id: 'a', type: 'test.echo', params: { value: '{{ input }}' } }],
});
const hook = (path: string, body: unknown = { n: 1 }) =>
  h.server.fetch(new Request(`http://weft.test/hooks/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));

describe('webhooks follow the workflows that declare them', () => {
  it('serves a path from create on, moves it on update, drops it on delete', async () => {
    h = await startHarness();
    await createWorkflow(h, hooked('orders', 'orders/new'));
    const fired = await hook('orders/new', { n: 7 });
    expect(fired.status).toBe(202);
    const { runId } = (await fired.json()) as { runId: string };
    expect(await h.waitForRun(runId)).toMatchObject({ status: 'succeeded', output: 7 });

    expect((await h.call('PUT', '/api/workflows/orders', { body: hooked('orders', 'orders/v2') })).status).toBe(200);
    expect((await hook('orders/new')).status).toBe(404);
    expect((await hook('orders/v2')).status).toBe(202);

    expect((await h.call('DELETE', '/api/workflows/orders')).status).toBe(200);
    expect((await hook('orders/v2')).status).toBe(404);
  });

  it('refuses a path another workflow uses with 409, before saving anything', async () => {
    h = await startHarness();
    await createWorkflow(h, hooked('first', 'shared'));
    const taken = await h.call('POST', '/api/workflows', { body: hooked('second', 'shared') });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already used by workflow 'first'/) });
    expect((await h.call('GET', '/api/workflows/second')).status).toBe(404);
    // An update that would take it is refused too, and the old version stays the latest.
    await createWorkflow(h, hooked('third', 'own'));
    expect((await h.call('PUT', '/api/workflows/third', { body: hooked('third', 'shared') })).status).toBe(409);
    expect((await h.call('GET', '/api/workflows/third')).json).toMatchObject({ workflow: { latestVersion: 1 } });
    // Once the owner is deleted, the path is free.
    await h.call('DELETE', '/api/workflows/first');
    expect((await h.call('POST', '/api/workflows', { body: hooked('second', 'shared') })).status).toBe(201);
  });

  it('serves workflows already in the store when the server starts', async () => {
    h = await startHarness();
    await h.store.saveWorkflowVersion('stored', workflowSchema.parse(hooked('stored', 'from/before')));
    const other = await startHarness();
    try {
      // A second server over another store knows nothing of it; this one loads it on first use.
      expect((await other.server.fetch(new Request('http://weft.test/hooks/from/before', { method: 'POST' }))).status).toBe(404);
    } finally {
      await other.close();
    }
    expect((await hook('from/before')).status).toBe(202);
  });

  it('lists a workflow’s webhooks with their full URLs and what they need', async () => {
    h = await startHarness();
    await createWorkflow(h, {
      id: 'listed',
      name: 'listed',
      triggers: [
        { type: 'webhook', path: 'a/b', methods: ['GET', 'POST'], response: 'sync', secret: 'hook-key' },
        { type: 'webhook', path: 'signed', hmac: 'hook-key', header: 'x-signature' },
      ],
      nodes: [{ id: 'a', type: 'test.echo', params: {} }],
    });
    const listed = await h.call('GET', '/api/workflows/listed/webhooks');
    expect(listed.json['webhooks']).toEqual([
      { path: 'a/b', url: 'http://weft.test/hooks/a/b', methods: ['GET', 'POST'], response: 'sync', timeoutMs: 30_000, auth: 'secret', active: true },
      { path: 'signed', url: 'http://weft.test/hooks/signed', methods: ['POST'], response: 'async', timeoutMs: 30_000, auth: 'hmac', header: 'x-signature', active: true },
    ]);
    expect((await h.call('GET', '/api/workflows/nope/webhooks')).status).toBe(404);

    const behindProxy = await startHarness({ config: { publicUrl: 'https://weft.example.com/' } });
    try {
      await createWorkflow(behindProxy, hooked('p', 'x'));
      const shown = await behindProxy.call('GET', '/api/workflows/p/webhooks');
      expect(shown.json).toMatchObject({ webhooks: [{ url: 'https://weft.example.com/hooks/x' }] });
    } finally {
      await behindProxy.close();
    }
  });

  it('needs no API token, and answers the trigger’s own errors', async () => {
    h = await startHarness({ config: { auth: 'required' } });
    await h.store.saveWorkflowVersion('open', workflowSchema.parse(hooked('open', 'open')));
    expect((await hook('open')).status).toBe(202);
    const wrongMethod = await h.server.fetch(new Request('http://weft.test/hooks/open', { method: 'PUT' }));
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await h.server.fetch(new Request('http://weft.test/hooks/open', { method: 'OPTIONS' }))).status).toBe(404);
    expect((await h.server.fetch(new Request('http://weft.test/hooks', { method: 'POST' }))).status).toBe(404);
  });
});

describe('schedules follow the workflows that declare them', () => {
  it('refuses a bad cron or time zone with its path (400), before saving', async () => {
    h = await startHarness();
    const bad = await h.call('POST', '/api/workflows', { body: scheduled('nightly', 'every day') });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'INVALID_WORKFLOW', path: 'triggers[0].cron', message: expect.stringMatching(/bad schedule/) });
    const zone = await h.call('POST', '/api/workflows', { body: scheduled('nightly', '0 9 * * *', { timezone: 'Mars/Olympus' }) });
    expect(zone.json.error).toMatchObject({ path: 'triggers[0].timezone' });
    expect((await h.call('GET', '/api/workflows/nightly')).status).toBe(404);
    expect((await h.call('GET', '/api/schedules')).json).toEqual({ schedules: [] });
  });

  it('lists schedules with next fire times; disable, enable; fires on the clock; pruned on delete', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1, 8, 0));
    h = await startHarness({ clock });
    await createWorkflow(h, scheduled('nightly', '0 9 * * *', { input: { report: true } }));
    await createWorkflow(h, scheduled('hourly', '30 * * * *', { name: 'half-past' }));
    const all = await h.call('GET', '/api/schedules');
    expect((all.json['schedules'] as { id: string }[]).map((s) => s.id)).toEqual(['hourly:half-past', 'nightly:0']);
    const nightly = await h.call('GET', '/api/schedules?workflowId=nightly');
    expect(nightly.json['schedules']).toEqual([
      expect.objectContaining({
        id: 'nightly:0',
        workflowId: 'nightly',
        cron: '0 9 * * *',
        timezone: 'UTC',
        enabled: true,
        nextFireAt: Date.UTC(2026, 0, 1, 9),
        nextFireTimes: [1, 2, 3, 4, 5].map((d) => Date.UTC(2026, 0, d, 9)),
      }),
    ]);

    const off = await h.call('POST', '/api/schedules/nightly:0/disable');
    expect(off.json).toMatchObject({ schedule: { enabled: false, nextFireTimes: [] } });
    clock.advance(3_600_000);
    expect(await h.server.scheduler.tick()).toHaveLength(1); // only hourly:half-past (08:30)
    const on = await h.call('POST', '/api/schedules/nightly:0/enable');
    expect(on.json).toMatchObject({ schedule: { enabled: true, nextFireAt: Date.UTC(2026, 0, 2, 9) } });
    // Saving the workflow again keeps the switch.
    await h.call('POST', '/api/schedules/nightly:0/disable');
    await h.call('PUT', '/api/workflows/nightly', { body: { ...scheduled('nightly', '0 9 * * *', { input: { report: true } }), description: 'v2' } });
    expect((await h.call('GET', '/api/schedules?workflowId=nightly')).json).toMatchObject({ schedules: [{ enabled: false }] });
    await h.call('POST', '/api/schedules/nightly:0/enable');

    clock.advance(24 * 3_600_000);
    const fired = await h.server.scheduler.tick();
    expect(fired).toHaveLength(2);
    const runs = await Promise.all(fired.map((id) => h.waitForRun(id)));
    expect(runs.map((r) => r['output'])).toContainEqual({ report: true });

    expect((await h.call('POST', '/api/schedules/nope/enable')).status).toBe(404);
    await h.call('DELETE', '/api/workflows/nightly');
    expect((await h.call('GET', '/api/schedules')).json['schedules']).toEqual([expect.objectContaining({ id: 'hourly:half-past' })]);
  });
});

describe('chat routes', () => {
  it('answers JSON, or SSE with ?stream=true; lists sessions and messages', async () => {
    h = await startHarness();
    await createWorkflow(h, {
      id: 'bot',
      name: 'bot',
      triggers: [{ type: 'chat' }],
      nodes: [{ id: 'a', type: 'test.echo', params: { value: 'you said {{ input.message }} after {{ input.history.length }}' } }],
    });
    const json = await h.call('POST', '/api/chat/bot', { body: { sessionId: 's-1', message: 'hi' } });
    expect(json).toMatchObject({ status: 200, json: { reply: 'you said hi after 0', sessionId: 's-1', status: 'succeeded' } });
    const sse = await h.call('POST', '/api/chat/bot?stream=true', { body: { sessionId: 's-1', message: 'again' } });
    expect(sse.headers.get('content-type')).toBe('text/event-stream');
    expect(sse.text).toContain('event: reply\ndata: {"text":"you said again after 2"');
    expect((await h.call('GET', '/api/chat/bot/sessions')).json).toMatchObject({ sessions: [{ sessionId: 's-1', messages: 4 }] });
    const last = await h.call('GET', '/api/chat/bot/sessions/s-1/messages?limit=1');
    expect(last.json).toMatchObject({ messages: [{ role: 'assistant', content: 'you said again after 2', seq: 4 }] });
    expect((await h.call('POST', '/api/chat/bot', { body: { sessionId: 'bad id', message: 'x' } })).json.error?.path).toBe('body.sessionId');
    expect((await h.call('GET', '/api/chat/nope/sessions')).status).toBe(404);
  });
});
