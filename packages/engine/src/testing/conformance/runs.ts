import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../records.ts';
import { T0, definition, event, expectCode, newRun, seedRun, type ConformanceContext } from './fixtures.ts';

/** createRun / getRun: every field survives, absent fields stay absent. */
export function describeRuns(ctx: ConformanceContext): void {
  describe('runs', () => {
    it('creates a queued run with zero usage and reads back exactly what it returned', async () => {
      const store = ctx.store();
      await store.saveWorkflowVersion('wf', definition());
      const created = await store.createRun(newRun('r1', { events: [event('r1', 1, 'run.created')] }));
      const expected: RunRecord = {
        id: 'r1',
        workflowId: 'wf',
        workflowVersion: 1,
        status: 'queued',
        input: { topic: 'durable execution' },
        state: {},
        options: {},
        usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
        createdAt: T0,
        lastSeq: 1,
      };
      expect(created).toStrictEqual(expected);
      expect(await store.getRun('r1')).toStrictEqual(expected);
      expect(await store.listEvents('r1', 0, 10)).toStrictEqual([event('r1', 1, 'run.created')]);
    });

    it('round-trips every run field', async () => {
      const store = ctx.store();
      await seedRun(store, 'parent');
      await store.createRun(
        newRun('child', {
          input: { list: [1, 'two', { three: 3 }], nested: { deep: { deeper: true } } },
          state: { counter: 2, seen: ['a'] },
          options: { model: 'openai:gpt-4o-mini', concurrency: 3, timeoutMs: 60_000 },
          parentRunId: 'parent',
          parentStepId: 'spawn[2]',
          createdAt: T0 + 5,
          events: [event('child', 1, 'run.created'), event('child', 2, 'log')],
        }),
      );
      await store.commit('child', {
        run: {
          status: 'failed',
          output: { answer: 42 },
          error: {
            code: 'NODE_FAILED',
            message: 'boom',
            retryable: false,
            details: { at: 'x' },
            cause: { code: 'TIMEOUT', message: 'slow', retryable: true },
          },
          state: { counter: 3 },
          usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, costUsd: 0.0012 },
          startedAt: T0 + 6,
          endedAt: T0 + 9,
        },
      });
      expect(await store.acquireLease('child', 'worker-1', T0 + 100, T0 + 7)).toBe(true);
      const expected: RunRecord = {
        id: 'child',
        workflowId: 'wf',
        workflowVersion: 1,
        status: 'failed',
        input: { list: [1, 'two', { three: 3 }], nested: { deep: { deeper: true } } },
        output: { answer: 42 },
        error: {
          code: 'NODE_FAILED',
          message: 'boom',
          retryable: false,
          details: { at: 'x' },
          cause: { code: 'TIMEOUT', message: 'slow', retryable: true },
        },
        state: { counter: 3 },
        options: { model: 'openai:gpt-4o-mini', concurrency: 3, timeoutMs: 60_000 },
        parentRunId: 'parent',
        parentStepId: 'spawn[2]',
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, costUsd: 0.0012 },
        createdAt: T0 + 5,
        startedAt: T0 + 6,
        endedAt: T0 + 9,
        lastSeq: 2,
        owner: 'worker-1',
        leaseUntil: T0 + 100,
      };
      expect(await store.getRun('child')).toStrictEqual(expected);
    });

    it('returns undefined for an unknown run', async () => {
      expect(await ctx.store().getRun('missing')).toBeUndefined();
    });

    it('refuses a second run with the same id and keeps the first', async () => {
      const store = ctx.store();
      const first = await seedRun(store, 'r1');
      await expectCode(
        store.createRun(newRun('r1', { input: 'other', events: [event('r1', 1)] })),
        'CONFLICT',
      );
      expect(await store.getRun('r1')).toStrictEqual(first);
      expect(await store.listEvents('r1', 0, 10)).toStrictEqual([]);
    });

    it.each([
      ['an unknown workflow', { workflowId: 'nope' }],
      ['an unknown workflow version', { workflowVersion: 9 }],
      ['an unknown parent run', { parentRunId: 'ghost' }],
    ])('refuses a run of %s and writes nothing', async (_case, fields) => {
      const store = ctx.store();
      await store.saveWorkflowVersion('wf', definition());
      await expectCode(store.createRun(newRun('r1', { ...fields, events: [event('r1', 1)] })), 'NOT_FOUND');
      expect(await store.getRun('r1')).toBeUndefined();
      expect(await store.listEvents('r1', 0, 10)).toStrictEqual([]);
    });

    it('refuses a run whose events repeat a seq and writes nothing', async () => {
      const store = ctx.store();
      await store.saveWorkflowVersion('wf', definition());
      await expectCode(
        store.createRun(newRun('r1', { events: [event('r1', 1), event('r1', 1)] })),
        'CONFLICT',
      );
      expect(await store.getRun('r1')).toBeUndefined();
    });

    it('keeps stored runs apart from the objects callers hold', async () => {
      const store = ctx.store();
      await store.saveWorkflowVersion('wf', definition());
      const input = { list: [1, 2] };
      const created = await store.createRun(newRun('r1', { input }));
      input.list.push(3);
      (created.input as { list: number[] }).list.push(4);
      const read = await store.getRun('r1');
      (read?.state as Record<string, unknown>).x = 1;
      const again = await store.getRun('r1');
      expect(again?.input).toStrictEqual({ list: [1, 2] });
      expect(again?.state).toStrictEqual({});
    });
  });
}
