import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WeftError } from '../errors.ts';
import { defineNode, type NodeType } from '../nodes/define-node.ts';
import { FakeClock, MemoryRunStore, testRegistry } from '../testing/index.ts';
import { workflowSchema } from '../workflow/schema.ts';
import { createEngine } from './engine.ts';

const SECRET = 'sk-live-0123456789';

const leaky = defineNode({
  type: 'leaky',
  version: 1,
  category: 'test',
  title: 'leaky',
  description: 'does everything wrong with a secret',
  params: z.object({}),
  async run(ctx) {
    const token = (await ctx.secrets.resolve('token')) as string;
    ctx.logger.info(`calling with ${token}`);
    ctx.emit('log', { message: `Authorization: Bearer ${token}` });
    if (ctx.step.attempt === 1) throw new WeftError('NODE_FAILED', `upstream rejected ${token}`, { retryable: true });
    return { output: { echoed: token }, state: { last: token } };
  },
});

describe('secret redaction', () => {
  it('masks resolved secrets in stored steps, events, state, logs and the run output', async () => {
    const store = new MemoryRunStore();
    const logged: string[] = [];
    const log = (message: string, fields?: unknown) => logged.push(message + JSON.stringify(fields ?? {}));
    const engine = createEngine({
      store,
      registry: testRegistry([leaky as NodeType]),
      clock: new FakeClock(),
      secrets: { resolve: async (name) => (name === 'token' ? SECRET : undefined) },
      logger: { debug: log, info: log, warn: log, error: log },
    });
    const workflow = workflowSchema.parse({
      name: 'leak',
      nodes: [{ id: 'a', type: 'leaky', params: {}, retry: { maxAttempts: 2, initialDelayMs: 1 } }],
    });
    const streamed: unknown[] = [];
    const { run, done } = await engine.startRun({ workflow });
    engine.subscribe(run.id, (e) => streamed.push(e));
    const finished = await done;
    expect(finished.status).toBe('succeeded');
    const everything = JSON.stringify([
      finished,
      await store.getSteps(run.id),
      await store.listEvents(run.id, 0, 1000),
      streamed,
      logged,
    ]);
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain(SECRET);
    await engine.close();
  });
});
