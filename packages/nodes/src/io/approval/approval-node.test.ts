import { describe, expect, it } from 'vitest';
import { workflow } from '@weft/engine';
import { createEgressClient } from '../../egress/index.ts';
import { createTestEngine } from '../../testing/index.ts';
import { createIoNodes } from '../index.ts';

/** ask (approval) → sent on approve, dropped on reject. */
function flow(params: Record<string, unknown>) {
  return workflow('approval')
    .node('ask', 'approval', params)
    .node('sent', 'transform', { value: { sent: true, by: '{{ steps.ask.output }}' } })
    .node('dropped', 'transform', { value: { sent: false, by: '{{ steps.ask.output }}' } })
    .edge('ask', 'sent', 'approve')
    .edge('ask', 'dropped', 'reject')
    .build();
}

function setup(maxInlineWaitMs?: number) {
  return createTestEngine({
    nodes: createIoNodes({ egress: createEgressClient() }),
    ...(maxInlineWaitMs === undefined ? {} : { engine: { maxInlineWaitMs } }),
  });
}

const FIELDS = [{ name: 'comment', type: 'text', label: 'Comment', default: 'none' }];

describe('approval node', () => {
  it('waits with its message and form fields, then continues on the port chosen', async () => {
    const t = setup();
    const waiting = await t.run(flow({ message: 'Send to {{ input.to }}?', fields: FIELDS }), {
      to: 'ada@example.com',
    });
    expect(waiting.run.status).toBe('waiting');
    expect(waiting.step('ask').waitingFor).toEqual({
      reason: {
        kind: 'approval',
        message: 'Send to ada@example.com?',
        fields: FIELDS,
        ports: ['approve', 'reject'],
      },
      timeoutOutput: { approved: false, decision: 'reject', timedOut: true, comment: 'none' },
      timeoutPort: 'reject',
    });
    const done = await t.engine.resumeStep(waiting.run.id, 'ask', {
      output: { approved: true, comment: 'ship it' },
      port: 'approve',
    });
    expect(done.status).toBe('succeeded');
    const view = await t.inspect(done);
    expect(view.statuses).toEqual({ ask: 'succeeded', sent: 'succeeded', dropped: 'skipped' });
    expect(view.attempt('sent').output).toEqual({ sent: true, by: { approved: true, comment: 'ship it' } });
  });

  it('takes the reject port when rejected', async () => {
    const t = setup();
    const waiting = await t.run(flow({}));
    expect((waiting.step('ask').waitingFor as { reason: { message: string } }).reason.message).toBe(
      "Approve 'ask'?",
    );
    const done = await t.inspect(
      await t.engine.resumeStep(waiting.run.id, 'ask', { output: { approved: false }, port: 'reject' }),
    );
    expect(done.statuses).toEqual({ ask: 'succeeded', sent: 'skipped', dropped: 'succeeded' });
  });

  it('refuses a port it does not have', async () => {
    const t = setup();
    const waiting = await t.run(flow({}));
    await expect(t.engine.resumeStep(waiting.run.id, 'ask', { output: {}, port: 'maybe' })).rejects.toThrow(
      /no port 'maybe'/,
    );
  });

  it.each([
    { decision: undefined, taken: 'dropped', skipped: 'sent', approved: false },
    { decision: 'reject', taken: 'dropped', skipped: 'sent', approved: false },
    { decision: 'approve', taken: 'sent', skipped: 'dropped', approved: true },
  ])(
    'a timeout with timeoutDecision $decision takes its port',
    async ({ decision, taken, skipped, approved }) => {
      const t = setup(3_600_000);
      const start = t.clock.now();
      const view = await t.run(
        flow({ timeoutMs: 60_000, ...(decision ? { timeoutDecision: decision } : {}) }),
      );
      expect(view.run.status).toBe('succeeded');
      expect(t.clock.now() - start).toBe(60_000);
      expect(view.statuses).toMatchObject({ ask: 'succeeded', [taken]: 'succeeded', [skipped]: 'skipped' });
      expect(view.attempt('ask').output).toEqual({
        approved,
        decision: decision ?? 'reject',
        timedOut: true,
      });
    },
  );

  it('a long wait stays waiting, and takes the timeout port when the run is executed after its time', async () => {
    const t = setup();
    const start = t.clock.now();
    const waiting = await t.run(
      flow({ until: new Date(start + 86_400_000).toISOString(), timeoutDecision: 'reject' }),
    );
    expect(waiting.step('ask')).toMatchObject({ status: 'waiting', wakeAt: start + 86_400_000 });
    t.clock.advance(86_400_000);
    const done = await t.inspect(await t.engine.execute(waiting.run.id));
    expect(done.statuses).toEqual({ ask: 'succeeded', sent: 'skipped', dropped: 'succeeded' });
  });

  it('takes a timeout decision computed from the run', async () => {
    const t = setup();
    const view = await t.run(flow({ timeoutMs: 1000, timeoutDecision: '{{ input.d }}' }), { d: 'approve' });
    expect(view.run.status).toBe('succeeded');
    expect(view.statuses).toMatchObject({ ask: 'succeeded', sent: 'succeeded', dropped: 'skipped' });
  });
});
