import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, NodeRegistry, workflowSchema, type Engine, type WorkflowInput } from '@weft/engine';
import { FakeClock, MemoryRunStore, testNodeTypes } from '@weft/engine/testing';
import { respondNode, transformNode } from '@weft/nodes';
import { handleChatTurn } from './chat-handler.ts';
import { Scheduler } from './scheduler.ts';
import { handleWebhook, type WebhookDeps } from './webhook-handler.ts';
import { WebhookRegistry } from './webhook-registry.ts';

let store: MemoryRunStore;
let clock: FakeClock;
let engine: Engine;
let started: string[];
const enqueue = (runId: string) => {
  started.push(runId);
  void engine.execute(runId);
};

beforeEach(() => {
  store = new MemoryRunStore();
  clock = new FakeClock(Date.UTC(2026, 0, 1, 8, 59, 30));
  engine = createEngine({ store, registry: new NodeRegistry([...testNodeTypes, transformNode, respondNode]), clock });
  started = [];
});
afterEach(async () => {
  await engine.close();
});

async function save(id: string, definition: WorkflowInput) {
  return store.saveWorkflowVersion(id, workflowSchema.parse(definition));
}

describe('webhooks', () => {
  const secrets = { resolve: async (name: string) => (name === 'hook-secret' ? 's3cret' : undefined) };

  async function setup(trigger: Record<string, unknown>, nodes: WorkflowInput['nodes'], edges: WorkflowInput['edges'] = []) {
    const definition = workflowSchema.parse({ name: 'hook', triggers: [{ type: 'webhook', path: 'orders/new', ...trigger }], nodes, edges });
    await store.saveWorkflowVersion('hook', definition);
    const registry = new WebhookRegistry();
    registry.set('hook', definition);
    const deps: WebhookDeps = { registry, store, engine, secrets, enqueue, maxBodyBytes: 1024 };
    return (init: RequestInit & { path?: string } = {}) =>
      handleWebhook(new Request(`http://x/hooks/${init.path ?? 'orders/new'}?src=test`, { method: 'POST', ...init }), init.path ?? 'orders/new', deps);
  }

  it('async: answers 202 with the run id; the body reaches the run as data, never as a template', async () => {
    const call = await setup({}, [{ id: 'a', type: 'transform', params: { value: '{{ input.body.note }}' } }]);
    const res = await call({ body: JSON.stringify({ note: '{{ 7 * 6 }}' }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    const run = await engine.execute(runId);
    expect(run.output).toBe('{{ 7 * 6 }}');
    expect((run.input as { query: unknown }).query).toEqual({ src: 'test' });
  });

  it('sync: answers with the respond step as soon as it succeeds', async () => {
    const call = await setup({ response: 'sync' }, [
      { id: 'reply', type: 'respond', params: { status: 201, headers: { 'x-run': 'yes' }, body: { got: '{{ input.body.n }}' } } },
      { id: 'after', type: 'test.echo', params: { value: 'later' } },
    ], [{ from: 'reply', to: 'after' }]);
    const res = await call({ body: '{"n": 5}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-run')).toBe('yes');
    expect(await res.json()).toEqual({ got: 5 });
  });

  it('sync without a respond node: answers with the run output, or 500 when the run fails', async () => {
    const ok = await setup({ response: 'sync' }, [{ id: 'a', type: 'transform', params: { value: { sum: '{{ input.body.a + input.body.b }}' } } }]);
    expect(await (await ok({ body: '{"a":1,"b":2}', headers: { 'content-type': 'application/json' } })).json()).toEqual({ sum: 3 });
    const bad = await setup({ response: 'sync' }, [{ id: 'a', type: 'test.fail', params: {} }]);
    const res = await bad({});
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RUN_FAILED');
  });

  it.each([
    ['no secret', {}, 401],
    ['a wrong secret', { 'x-weft-secret': 'nope' }, 401],
    ['the right secret', { 'x-weft-secret': 's3cret' }, 202],
  ])('checks a shared secret: %s → %i', async (_name, headers, status) => {
    const call = await setup({ secret: 'hook-secret' }, [{ id: 'a', type: 'test.echo', params: {} }]);
    expect((await call({ headers })).status).toBe(status);
  });

  it('keeps a secret sent in the trigger’s own header (named in any case) out of the run', async () => {
    const call = await setup({ secret: 'hook-secret', header: 'X-Hook-Token' }, [{ id: 'a', type: 'test.echo', params: { value: '{{ input.headers }}' } }]);
    const res = await call({ headers: { 'x-hook-token': 's3cret', 'x-other': 'kept' } });
    expect(res.status).toBe(202);
    const run = await engine.execute(((await res.json()) as { runId: string }).runId);
    expect(run.output).toMatchObject({ 'x-other': 'kept' });
    expect(JSON.stringify(run)).not.toContain('s3cret');
  });

  it('checks an HMAC signature of the raw body', async () => {
    const call = await setup({ hmac: 'hook-secret' }, [{ id: 'a', type: 'test.echo', params: {} }]);
    const body = '{"event":"paid"}';
    const signature = `sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`;
    expect((await call({ body, headers: { 'x-weft-signature': signature } })).status).toBe(202);
    expect((await call({ body: `${body} `, headers: { 'x-weft-signature': signature } })).status).toBe(401);
  });

  it.each([
    ['an unknown path', { path: 'nope' }, 404],
    ['a method the hook does not take', { method: 'PUT' }, 405],
    ['a body over the limit', { body: 'x'.repeat(2000) }, 413],
    ['broken JSON', { body: '{', headers: { 'content-type': 'application/json' } }, 400],
  ])('refuses %s', async (_name, init, status) => {
    const call = await setup({}, [{ id: 'a', type: 'test.echo', params: {} }]);
    expect((await call(init as RequestInit)).status).toBe(status);
    expect(started).toEqual([]);
  });

  it('two workflows cannot take the same path', () => {
    const registry = new WebhookRegistry();
    const def = workflowSchema.parse({ name: 'w', triggers: [{ type: 'webhook', path: 'p' }], nodes: [{ id: 'a', type: 'test.echo', params: {} }] });
    registry.set('one', def);
    expect(() => registry.set('two', def)).toThrow(/already used by workflow 'one'/);
    registry.set('one', def);
  });
});

describe('schedules', () => {
  const definition = {
    name: 'nightly',
    triggers: [{ type: 'schedule' as const, cron: '0 9 * * *', timezone: 'UTC', input: { report: true } }],
    nodes: [{ id: 'a', type: 'test.echo', params: {} }],
  };

  it('fires once per tick, also with two schedulers on one store', async () => {
    await save('nightly', definition);
    const one = new Scheduler({ store, engine, enqueue, clock, logger: console });
    const two = new Scheduler({ store, engine, enqueue, clock, logger: console });
    await one.syncWorkflow('nightly', workflowSchema.parse(definition));
    expect((await one.list())[0]?.nextFireTimes[0]).toBe(Date.UTC(2026, 0, 1, 9));
    expect(await one.tick()).toEqual([]);
    clock.advance(60_000);
    const fired = [...(await Promise.all([one.tick(), two.tick()])).flat()];
    expect(fired).toHaveLength(1);
    const run = await engine.execute(fired[0] as string);
    expect(run.input).toEqual({ report: true });
    expect(await one.tick()).toEqual([]);
    expect((await store.getSchedule('nightly:0'))?.nextFireAt).toBe(Date.UTC(2026, 0, 2, 9));
  });

  it('can be disabled and enabled; a bad cron is refused with its path', async () => {
    await save('nightly', definition);
    const scheduler = new Scheduler({ store, engine, enqueue, clock, logger: console });
    await scheduler.syncWorkflow('nightly', workflowSchema.parse(definition));
    expect(await scheduler.setEnabled('nightly:0', false)).toBe(true);
    clock.advance(3_600_000);
    expect(await scheduler.tick()).toEqual([]);
    expect(await scheduler.setEnabled('nightly:0', true)).toBe(true);
    expect((await scheduler.list())[0]?.nextFireTimes[0]).toBe(Date.UTC(2026, 0, 2, 9));
    await expect(
      scheduler.syncWorkflow('nightly', workflowSchema.parse({ ...definition, triggers: [{ type: 'schedule', cron: 'every day' }] })),
    ).rejects.toThrow(/triggers\[0\]: bad schedule/);
  });
});

describe('chat', () => {
  it('keeps the session history and feeds it to each turn', async () => {
    await save('bot', {
      name: 'bot',
      triggers: [{ type: 'chat' }],
      nodes: [{ id: 'answer', type: 'transform', params: { value: 'turn {{ input.history.length / 2 + 1 }}: {{ input.message }}' } }],
    });
    const deps = { store, engine, enqueue, timeoutMs: 5000 };
    const turns = [];
    for (const message of ['hi', 'how are you', 'bye']) {
      const res = await handleChatTurn({ workflowId: 'bot', sessionId: 's1', message, stream: false }, deps);
      turns.push(((await res.json()) as { reply: string }).reply);
    }
    expect(turns).toEqual(['turn 1: hi', 'turn 2: how are you', 'turn 3: bye']);
    expect((await store.listChatMessages('bot', 's1', 10)).map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
  });

  it('streams the reply over SSE', async () => {
    await save('bot', { name: 'bot', triggers: [{ type: 'chat' }], nodes: [{ id: 'a', type: 'transform', params: { value: 'echo {{ input.message }}' } }] });
    const res = await handleChatTurn({ workflowId: 'bot', sessionId: 's2', message: 'ping', stream: true }, { store, engine, enqueue, timeoutMs: 5000 });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const text = await res.text();
    expect(text).toContain('event: run');
    expect(text).toContain('event: reply\ndata: {"text":"echo ping"');
  });

  it('refuses a workflow without a chat trigger', async () => {
    await save('plain', { name: 'plain', nodes: [{ id: 'a', type: 'test.echo', params: {} }] });
    await expect(handleChatTurn({ workflowId: 'plain', sessionId: 's', message: 'x', stream: false }, { store, engine, enqueue, timeoutMs: 100 })).rejects.toThrow(/no chat trigger/);
  });
});
