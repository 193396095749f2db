import { describe, expect, it } from 'vitest';
import { workflow, type Json } from '@weft/engine';
import { createTestEngine } from '../../testing/index.ts';

/** ask (wait) → after, which reports what the wait output. */
function approval(params: Record<string, unknown>) {
  return workflow('approval')
    .node('draft', 'transform', { value: 'draft v1' })
    .node('ask', 'wait', params)
    .node('after', 'transform', {
      value: { approved: '{{ steps.ask.output.approved }}', draft: '{{ steps.draft.output }}' },
    })
    .chain('draft', 'ask', 'after')
    .build();
}

describe('wait', () => {
  it('suspends the run durably until resumed; the payload becomes its output', async () => {
    const t = createTestEngine();
    const waiting = await t.run(
      approval({
        message: 'Approve {{ steps.draft.output }}?',
        fields: [{ name: 'approved', type: 'boolean' }],
      }),
    );
    expect(waiting.run.status).toBe('waiting');
    expect(waiting.statuses).toEqual({ draft: 'succeeded', ask: 'waiting' });
    expect(waiting.step('ask').waitingFor).toEqual({
      reason: { message: 'Approve draft v1?', fields: [{ name: 'approved', type: 'boolean' }] },
      timeoutOutput: null,
    });
    expect(waiting.step('ask').wakeAt).toBeUndefined();
    expect(waiting.eventsOf('step.waiting', 'ask')).toHaveLength(1);
    expect(waiting.eventsOf('run.waiting')).toHaveLength(1);

    const finished = await t.engine.resumeStep(waiting.run.id, 'ask', { output: { approved: true } });
    expect(finished.status).toBe('succeeded');
    expect(finished.output).toEqual({ approved: true, draft: 'draft v1' });
    const view = await t.inspect(finished);
    expect(view.attempt('ask')).toMatchObject({ status: 'succeeded', output: { approved: true } });
    expect(view.eventsOf('run.resumed')).toHaveLength(1);
    // Steps done before the wait were not run again.
    expect(view.step('draft').attempts).toHaveLength(1);
  });

  it('names the step it waits at when there is no message', async () => {
    const t = createTestEngine();
    const view = await t.run(approval({}));
    expect(view.step('ask').waitingFor).toEqual({
      reason: { message: "Waiting at 'ask'" },
      timeoutOutput: null,
    });
  });

  it('refuses a second resume, and a resume of a step that is not waiting', async () => {
    const t = createTestEngine();
    const waiting = await t.run(approval({}));
    await expect(t.engine.resumeStep(waiting.run.id, 'draft', { output: 1 })).rejects.toThrow(
      /only a waiting step can be resumed/,
    );
    await t.engine.resumeStep(waiting.run.id, 'ask', { output: { approved: false } });
    await expect(t.engine.resumeStep(waiting.run.id, 'ask', { output: {} })).rejects.toThrow(
      /only a waiting step can be resumed/,
    );
  });

  it.each<{
    name: string;
    params: (now: number) => Record<string, unknown>;
    wokeAfter: number;
    output: Json;
  }>([
    {
      name: 'durationMs, with timeoutOutput',
      params: () => ({ durationMs: 30_000, timeoutOutput: { approved: false } }),
      wokeAfter: 30_000,
      output: { approved: false, draft: 'draft v1' },
    },
    {
      name: 'durationMs, without timeoutOutput (null)',
      params: () => ({ durationMs: 5_000 }),
      wokeAfter: 5_000,
      output: { approved: null, draft: 'draft v1' },
    },
    {
      name: 'until, an ISO time',
      params: (now) => ({ until: new Date(now + 12_000).toISOString(), timeoutOutput: { approved: 'late' } }),
      wokeAfter: 12_000,
      output: { approved: 'late', draft: 'draft v1' },
    },
    {
      name: 'until, with a time-zone offset',
      // 03:00 at +02:00 is 01:00 UTC: an hour after the clock's start.
      params: (now) => ({
        until: new Date(now + 3 * 3_600_000).toISOString().replace('Z', '+02:00'),
        timeoutOutput: { approved: 1 },
      }),
      wokeAfter: 3_600_000,
      output: { approved: 1, draft: 'draft v1' },
    },
    {
      name: 'until, already past: at once',
      params: (now) => ({ until: new Date(now - 1_000).toISOString(), timeoutOutput: { approved: 'past' } }),
      wokeAfter: 0,
      output: { approved: 'past', draft: 'draft v1' },
    },
  ])('wakes by itself on $name', async ({ params, wokeAfter, output }) => {
    const t = createTestEngine({ engine: { maxInlineWaitMs: 2 * 3_600_000 } });
    const start = t.clock.now();
    const view = await t.run(approval(params(start)));
    expect(view.run.status).toBe('succeeded');
    expect(view.run.output).toEqual(output);
    expect(view.step('ask').attempts).toHaveLength(1);
    const wakeAt = (view.eventsOf('step.waiting', 'ask')[0]?.data as { wakeAt?: number }).wakeAt;
    expect(wakeAt).toBe(wokeAfter === 0 ? start - 1_000 : start + wokeAfter);
    expect(t.clock.now() - start).toBe(wokeAfter);
  });

  it('a long timed wait leaves the run waiting with wakeAt stored, and a resume still wins', async () => {
    const t = createTestEngine();
    const start = t.clock.now();
    const waiting = await t.run(approval({ durationMs: 86_400_000, timeoutOutput: { approved: false } }));
    expect(waiting.run.status).toBe('waiting');
    expect(waiting.step('ask')).toMatchObject({ status: 'waiting', wakeAt: start + 86_400_000 });
    expect(waiting.step('ask').waitingFor).toMatchObject({ timeoutOutput: { approved: false } });
    const finished = await t.engine.resumeStep(waiting.run.id, 'ask', { output: { approved: true } });
    expect(finished.output).toEqual({ approved: true, draft: 'draft v1' });
  });

  it('a long timed wait wakes with timeoutOutput when the run is executed again after its time', async () => {
    const t = createTestEngine();
    const waiting = await t.run(approval({ durationMs: 86_400_000, timeoutOutput: { approved: 'expired' } }));
    expect(waiting.run.status).toBe('waiting');
    // Too early: it stays waiting.
    t.clock.advance(3_600_000);
    expect((await t.engine.execute(waiting.run.id)).status).toBe('waiting');
    t.clock.advance(86_400_000);
    const finished = await t.engine.execute(waiting.run.id);
    expect(finished.status).toBe('succeeded');
    expect(finished.output).toEqual({ approved: 'expired', draft: 'draft v1' });
  });

  it('rejects an until that is not an ISO date-time at validation', async () => {
    const t = createTestEngine();
    await expect(t.run(approval({ until: 'tomorrow' }))).rejects.toThrow(/nodes\[1\]\.params\.until/);
  });
});
