import { describe, expect, it } from 'vitest';
import type { CommitBatch, RunStore } from '../../ports/run-store.ts';
import type { RunStatus } from '../../records.ts';
import { T0, attempt, event, expectCode, seedRun, stepWrite, type ConformanceContext } from './fixtures.ts';

/** Everything a run holds, to show that a refused batch changed nothing. */
async function snapshot(store: RunStore, runId: string): Promise<unknown> {
  return {
    run: await store.getRun(runId),
    steps: await store.getSteps(runId),
    events: await store.listEvents(runId, 0, 1000),
  };
}

/** A batch that touches every table: run patch, a step with an attempt, two events. */
function fullBatch(seqFrom: number, expectStatus?: RunStatus[]): CommitBatch {
  return {
    run: {
      ...(expectStatus ? { expectStatus } : {}),
      status: 'succeeded',
      output: { done: true },
      endedAt: T0 + 50,
    },
    steps: [
      stepWrite('fetch', { status: 'succeeded', attempt: attempt(1, { status: 'succeeded', output: 'ok' }) }),
    ],
    events: [
      event('r1', seqFrom, 'step.succeeded', { stepId: 'fetch' }),
      event('r1', seqFrom + 1, 'run.succeeded'),
    ],
  };
}

const CAS_CASES: Array<[string, RunStatus, RunStatus[] | undefined, boolean]> = [
  ['matching status', 'running', ['running'], true],
  ['one of several statuses', 'waiting', ['running', 'waiting'], true],
  ['no expectStatus (unconditional)', 'succeeded', undefined, true],
  ['different status', 'queued', ['running'], false],
  ['a late completion after a terminal state', 'cancelled', ['running', 'waiting'], false],
  ['an empty expectStatus list', 'running', [], false],
];

/** commit: compare-and-set on the run status, all-or-nothing batches. */
export function describeCommit(ctx: ConformanceContext): void {
  describe('commit', () => {
    it.each(CAS_CASES)('with %s', async (_case, current, expectStatus, applies) => {
      const store = ctx.store();
      await seedRun(store, 'r1', { status: current, events: [event('r1', 1, 'run.created')] });
      const before = await snapshot(store, 'r1');
      const commit = store.commit('r1', fullBatch(2, expectStatus));
      if (!applies) {
        await expectCode(commit, 'CONFLICT');
        expect(await snapshot(store, 'r1')).toStrictEqual(before);
        return;
      }
      await commit;
      expect(await store.getRun('r1')).toMatchObject({
        status: 'succeeded',
        output: { done: true },
        endedAt: T0 + 50,
        lastSeq: 3,
      });
      expect(await store.getSteps('r1')).toHaveLength(1);
      expect((await store.listEvents('r1', 0, 10)).map((e) => e.seq)).toStrictEqual([1, 2, 3]);
    });

    it.each([
      ['an event seq already stored', [event('r1', 2, 'log'), event('r1', 1, 'log')]],
      ['the same seq twice in one batch', [event('r1', 2, 'log'), event('r1', 2, 'log')]],
    ])('refuses %s and writes nothing', async (_case, events) => {
      const store = ctx.store();
      await seedRun(store, 'r1', { status: 'running', events: [event('r1', 1, 'run.created')] });
      const before = await snapshot(store, 'r1');
      await expectCode(store.commit('r1', { ...fullBatch(2, ['running']), events }), 'CONFLICT');
      expect(await snapshot(store, 'r1')).toStrictEqual(before);
    });

    it('refuses a batch holding a value JSON cannot represent and writes nothing', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1', { status: 'running', events: [event('r1', 1, 'run.created')] });
      const before = await snapshot(store, 'r1');
      const batch = fullBatch(2, ['running']);
      const late = stepWrite('late', { attempt: attempt(1, { output: { n: 1n } as unknown as null }) });
      await expect(store.commit('r1', { ...batch, steps: [...(batch.steps ?? []), late] })).rejects.toThrow();
      expect(await snapshot(store, 'r1')).toStrictEqual(before);
    });

    it('lets exactly one of two racing completions win', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1', { status: 'running' });
      const results = await Promise.allSettled([
        store.commit('r1', {
          run: { expectStatus: ['running'], status: 'succeeded' },
          events: [event('r1', 1, 'run.succeeded')],
        }),
        store.commit('r1', {
          run: { expectStatus: ['running'], status: 'cancelled' },
          events: [event('r1', 2, 'run.cancelled')],
        }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const events = await store.listEvents('r1', 0, 10);
      expect(events).toHaveLength(1);
      expect((await store.getRun('r1'))?.status).toBe(
        events[0]?.type === 'run.succeeded' ? 'succeeded' : 'cancelled',
      );
    });

    it('refuses a batch for an unknown run', async () => {
      await expectCode(
        ctx.store().commit('ghost', { steps: [stepWrite('a')], events: [event('ghost', 1)] }),
        'NOT_FOUND',
      );
      expect(await ctx.store().getSteps('ghost')).toStrictEqual([]);
      expect(await ctx.store().listEvents('ghost', 0, 10)).toStrictEqual([]);
    });

    it('accepts an empty batch and changes nothing', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      const before = await snapshot(store, 'r1');
      await store.commit('r1', {});
      expect(await snapshot(store, 'r1')).toStrictEqual(before);
    });

    it('leaves fields a patch does not name, and clears error and endedAt with null', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      await store.commit('r1', {
        run: {
          status: 'failed',
          output: null,
          error: { code: 'X', message: 'bad', retryable: true },
          startedAt: T0 + 1,
          endedAt: T0 + 2,
        },
      });
      await store.commit('r1', { run: { state: { resumed: true } } });
      expect(await store.getRun('r1')).toMatchObject({
        status: 'failed',
        output: null,
        error: { code: 'X' },
        startedAt: T0 + 1,
        endedAt: T0 + 2,
      });
      await store.commit('r1', {
        run: { expectStatus: ['failed'], status: 'running', error: null, endedAt: null },
      });
      const run = await store.getRun('r1');
      expect(run).toMatchObject({
        status: 'running',
        output: null,
        state: { resumed: true },
        startedAt: T0 + 1,
      });
      expect(run && 'error' in run).toBe(false);
      expect(run && 'endedAt' in run).toBe(false);
    });

    it('keeps the lease when a batch changes the run', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      await store.acquireLease('r1', 'w1', T0 + 100, T0);
      await store.commit('r1', { run: { status: 'running' }, events: [event('r1', 1)] });
      expect(await store.getRun('r1')).toMatchObject({ owner: 'w1', leaseUntil: T0 + 100 });
    });
  });
}
