import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../events.ts';
import { T0, event, expectCode, seedRun, type ConformanceContext } from './fixtures.ts';

/** Events: unique seq per run, paging by seq, run.lastSeq kept by commit. */
export function describeEvents(ctx: ConformanceContext): void {
  describe('events', () => {
    it('round-trips every event field, with or without stepId', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      const events: RunEvent[] = [
        {
          runId: 'r1',
          seq: 1,
          type: 'step.started',
          at: T0,
          stepId: 'fetch[0]',
          data: { input: { url: 'https://x' } },
        },
        { runId: 'r1', seq: 2, type: 'llm.token', at: T0 + 1, stepId: 'fetch[0]', data: 'tok' },
        { runId: 'r1', seq: 3, type: 'log', at: T0 + 2, data: null },
      ];
      await store.commit('r1', { events });
      expect(await store.listEvents('r1', 0, 10)).toStrictEqual(events);
    });

    it.each([
      [0, 4, [1, 2, 3, 4]],
      [4, 4, [5, 6, 7, 8]],
      [8, 4, [9, 10]],
      [10, 4, []],
      [3, 1, [4]],
      [0, 0, []],
      [-5, 100, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
    ])('lists events after seq %i, at most %i', async (afterSeq, limit, expected) => {
      const store = ctx.store();
      await seedRun(store, 'r1', { events: [event('r1', 1, 'run.created')] });
      for (let seq = 2; seq <= 10; seq += 3) {
        await store.commit('r1', { events: [event('r1', seq), event('r1', seq + 1), event('r1', seq + 2)] });
      }
      expect((await store.listEvents('r1', afterSeq, limit)).map((e) => e.seq)).toStrictEqual(expected);
    });

    it('keeps run.lastSeq at the highest seq written', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1', { events: [event('r1', 1)] });
      await store.commit('r1', { events: [event('r1', 2), event('r1', 3)] });
      expect((await store.getRun('r1'))?.lastSeq).toBe(3);
      await store.commit('r1', { run: { status: 'running' } });
      expect((await store.getRun('r1'))?.lastSeq).toBe(3);
      await store.commit('r1', { events: [event('r1', 5)] });
      expect((await store.getRun('r1'))?.lastSeq).toBe(5);
    });

    it('lists in seq order even when a gap is filled later', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      await store.commit('r1', { events: [event('r1', 1), event('r1', 3)] });
      await store.commit('r1', { events: [event('r1', 2)] });
      expect((await store.listEvents('r1', 0, 10)).map((e) => e.seq)).toStrictEqual([1, 2, 3]);
      expect((await store.getRun('r1'))?.lastSeq).toBe(3);
    });

    it('refuses a seq already taken and keeps the original event', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1', { events: [event('r1', 1, 'run.created')] });
      await expectCode(
        store.commit('r1', { events: [event('r1', 1, 'run.failed', { data: 'other' })] }),
        'CONFLICT',
      );
      expect(await store.listEvents('r1', 0, 10)).toStrictEqual([event('r1', 1, 'run.created')]);
    });

    it('numbers each run on its own', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1', { events: [event('r1', 1)] });
      await seedRun(store, 'r2', { events: [event('r2', 1)] });
      await store.commit('r2', { events: [event('r2', 2)] });
      expect(await store.listEvents('r1', 0, 10)).toStrictEqual([event('r1', 1)]);
      expect((await store.listEvents('r2', 0, 10)).map((e) => e.runId)).toStrictEqual(['r2', 'r2']);
      expect(await store.listEvents('missing', 0, 10)).toStrictEqual([]);
    });
  });
}
