import { describe, expect, it } from 'vitest';
import type { ScheduleInput, ScheduleRecord } from '../../ports/schedule-store.ts';
import type { WeftStore } from '../../ports/weft-store.ts';
import { T0, type WeftConformanceContext } from './fixtures.ts';

const MINUTE = 60_000;

function schedule(id: string, overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    id,
    workflowId: id.split(':')[0] ?? id,
    cron: '* * * * *',
    timezone: 'UTC',
    input: { from: id },
    nextFireAt: T0 + MINUTE,
    ...overrides,
  };
}

/** What `getSchedule` returns for an input: enabled by default, no tick while disabled. */
function stored(input: ScheduleInput, overrides: Partial<ScheduleRecord> = {}): ScheduleRecord {
  const record: ScheduleRecord = { ...input, enabled: input.enabled ?? true, ...overrides };
  if (!record.enabled || record.nextFireAt === undefined) delete record.nextFireAt;
  return record;
}

// Schedules around NOW, for dueSchedules: [id, enabled, nextFireAt, due].
const NOW = T0 + 10 * MINUTE;
const DUE_CASES: Array<[string, boolean, number | undefined, boolean]> = [
  ['wf:late', true, NOW - 5 * MINUTE, true],
  ['wf:exactly-now', true, NOW, true],
  ['wf:b-same-time', true, NOW - MINUTE, true],
  ['wf:a-same-time', true, NOW - MINUTE, true],
  ['wf:future', true, NOW + 1, false],
  ['wf:disabled', false, NOW - MINUTE, false],
  ['wf:exhausted', true, undefined, false],
];

/** Claims `expected` from several callers at once; returns how many won. */
async function claimAtOnce(stores: WeftStore[], callers: number, expected: number): Promise<number> {
  const results = await Promise.all(
    Array.from({ length: callers }, (_, i) =>
      (stores[i % stores.length] as WeftStore).claimScheduleTick(
        'wf:0',
        expected,
        expected + MINUTE,
        NOW + i,
      ),
    ),
  );
  return results.filter(Boolean).length;
}

/** Schedules: upsert that keeps enabled, due search, compare-and-set tick claims, pruning. */
export function describeSchedules(ctx: WeftConformanceContext): void {
  describe('schedules', () => {
    it('creates an enabled schedule unless told otherwise', async () => {
      const store = ctx.store();
      await store.putSchedule(schedule('wf:0'));
      await store.putSchedule(schedule('wf:1', { enabled: false }));
      await store.putSchedule(schedule('wf:2', { enabled: true, nextFireAt: undefined, lastFiredAt: T0 }));
      expect(await store.getSchedule('wf:0')).toStrictEqual(stored(schedule('wf:0')));
      expect(await store.getSchedule('wf:1')).toStrictEqual(stored(schedule('wf:1', { enabled: false })));
      expect(await store.getSchedule('wf:2')).toStrictEqual(
        stored(schedule('wf:2', { nextFireAt: undefined }), { lastFiredAt: T0 }),
      );
      expect(await store.getSchedule('wf:9')).toBeUndefined();
    });

    it('updates a schedule, keeping enabled and lastFiredAt unless given', async () => {
      const store = ctx.store();
      await store.putSchedule(schedule('wf:0', { lastFiredAt: T0 }));
      await store.setScheduleEnabled('wf:0', false, undefined);
      const changed = schedule('wf:0', { cron: '0 9 * * 1', timezone: 'Europe/Paris', input: [1, 2] });
      await store.putSchedule(changed);
      // Still disabled (so no next tick), with the new definition and the old lastFiredAt.
      expect(await store.getSchedule('wf:0')).toStrictEqual(
        stored(changed, { enabled: false, lastFiredAt: T0 }),
      );

      await store.putSchedule({ ...changed, enabled: true, lastFiredAt: T0 + 1 });
      expect(await store.getSchedule('wf:0')).toStrictEqual(
        stored(changed, { enabled: true, lastFiredAt: T0 + 1 }),
      );
      await store.putSchedule({ ...changed, nextFireAt: T0 + 5 * MINUTE });
      expect(await store.getSchedule('wf:0')).toMatchObject({ enabled: true, nextFireAt: T0 + 5 * MINUTE });
      await store.putSchedule({ ...changed, enabled: false });
      expect(await store.getSchedule('wf:0')).toStrictEqual(
        stored(changed, { enabled: false, lastFiredAt: T0 + 1 }),
      );
    });

    it('lists every schedule or one workflow’s, by id', async () => {
      const store = ctx.store();
      for (const id of ['b:1', 'a:2', 'a:1', 'c:0']) await store.putSchedule(schedule(id));
      expect((await store.listSchedules()).map((s) => s.id)).toStrictEqual(['a:1', 'a:2', 'b:1', 'c:0']);
      expect(await store.listSchedules('a')).toStrictEqual([
        stored(schedule('a:1')),
        stored(schedule('a:2')),
      ]);
      expect(await store.listSchedules('none')).toStrictEqual([]);
    });

    it('switches a schedule off and on', async () => {
      const store = ctx.store();
      await store.putSchedule(schedule('wf:0'));
      expect(await store.setScheduleEnabled('wf:0', false, T0 + 7)).toBe(true);
      expect(await store.getSchedule('wf:0')).toStrictEqual(stored(schedule('wf:0'), { enabled: false }));
      expect(await store.setScheduleEnabled('wf:0', true, T0 + 2 * MINUTE)).toBe(true);
      expect(await store.getSchedule('wf:0')).toMatchObject({ enabled: true, nextFireAt: T0 + 2 * MINUTE });
      expect(await store.setScheduleEnabled('wf:0', true, undefined)).toBe(true);
      expect(await store.getSchedule('wf:0')).toStrictEqual(
        stored(schedule('wf:0', { nextFireAt: undefined })),
      );
      expect(await store.setScheduleEnabled('ghost', true, T0)).toBe(false);
    });

    it('finds enabled schedules that are due, earliest first', async () => {
      const store = ctx.store();
      for (const [id, enabled, nextFireAt] of DUE_CASES)
        await store.putSchedule(schedule(id, { enabled, nextFireAt }));
      const due = await store.dueSchedules(NOW, 100);
      expect(due.map((s) => s.id)).toStrictEqual([
        'wf:late',
        'wf:a-same-time',
        'wf:b-same-time',
        'wf:exactly-now',
      ]);
      expect(due[0]).toStrictEqual(await store.getSchedule('wf:late'));
      expect((await store.dueSchedules(NOW, 2)).map((s) => s.id)).toStrictEqual([
        'wf:late',
        'wf:a-same-time',
      ]);
      expect(await store.dueSchedules(NOW, 0)).toStrictEqual([]);
    });

    it('claims a tick once, moving the schedule to its next tick', async () => {
      const store = ctx.store();
      await store.putSchedule(schedule('wf:0'));
      const tick = T0 + MINUTE;
      expect(await store.claimScheduleTick('wf:0', tick, tick + MINUTE, tick + 3)).toBe(true);
      expect(await store.getSchedule('wf:0')).toMatchObject({
        nextFireAt: tick + MINUTE,
        lastFiredAt: tick + 3,
      });
      expect(await store.claimScheduleTick('wf:0', tick, tick + MINUTE, tick + 4)).toBe(false);
      expect(await store.claimScheduleTick('wf:0', tick + 1, tick + MINUTE, tick + 4)).toBe(false);
      expect(await store.claimScheduleTick('ghost', tick, tick + MINUTE, tick)).toBe(false);
      expect(await store.getSchedule('wf:0')).toMatchObject({
        nextFireAt: tick + MINUTE,
        lastFiredAt: tick + 3,
      });
    });

    it('claims the last tick of an exhausted schedule, which is then never due', async () => {
      const store = ctx.store();
      await store.putSchedule(schedule('wf:0'));
      expect(await store.claimScheduleTick('wf:0', T0 + MINUTE, undefined, T0 + MINUTE)).toBe(true);
      const after = await store.getSchedule('wf:0');
      expect(after && 'nextFireAt' in after).toBe(false);
      expect(await store.dueSchedules(T0 + 1000 * MINUTE, 10)).toStrictEqual([]);
    });

    it('refuses to claim a tick of a disabled schedule', async () => {
      const store = ctx.store();
      await store.putSchedule(schedule('wf:0'));
      await store.setScheduleEnabled('wf:0', false, undefined);
      expect(await store.claimScheduleTick('wf:0', T0 + MINUTE, T0 + 2 * MINUTE, T0)).toBe(false);
    });

    it('lets exactly one of many concurrent claims of a tick win', async () => {
      const store = ctx.store();
      await store.putSchedule(schedule('wf:0'));
      expect(await claimAtOnce([store], 2, T0 + MINUTE)).toBe(1);
      expect(await claimAtOnce([store], 10, T0 + 2 * MINUTE)).toBe(1);
      expect((await store.getSchedule('wf:0'))?.nextFireAt).toBe(T0 + 3 * MINUTE);
    });

    it('lets exactly one claim win across two connections to the same database', async ({ skip }) => {
      const peer = await ctx.peer();
      if (!peer) return skip('the adapter cannot open a second connection to its database');
      const store = ctx.store();
      await store.putSchedule(schedule('wf:0'));
      expect((await peer.getSchedule('wf:0'))?.nextFireAt).toBe(T0 + MINUTE);
      expect(await claimAtOnce([store, peer], 2, T0 + MINUTE)).toBe(1);
      expect(await claimAtOnce([peer, store], 10, T0 + 2 * MINUTE)).toBe(1);
      expect((await peer.getSchedule('wf:0'))?.nextFireAt).toBe(T0 + 3 * MINUTE);
      expect((await store.getSchedule('wf:0'))?.nextFireAt).toBe(T0 + 3 * MINUTE);
    });

    it('prunes a workflow’s schedules down to the ones to keep', async () => {
      const store = ctx.store();
      for (const id of ['a:0', 'a:1', 'a:2', 'b:0']) await store.putSchedule(schedule(id));
      await store.pruneSchedules('a', ['a:1', 'b:0', 'unknown']);
      expect((await store.listSchedules()).map((s) => s.id)).toStrictEqual(['a:1', 'b:0']);
      await store.pruneSchedules('a', []);
      expect((await store.listSchedules()).map((s) => s.id)).toStrictEqual(['b:0']);
    });

    it('keeps stored schedules apart from the objects callers hold', async () => {
      const store = ctx.store();
      const input = schedule('wf:0', { input: { nested: { n: 1 } } });
      await store.putSchedule(input);
      (input.input as { nested: { n: number } }).nested.n = 2;
      const read = await store.getSchedule('wf:0');
      (read?.input as { nested: { n: number } }).nested.n = 3;
      expect((await store.getSchedule('wf:0'))?.input).toStrictEqual({ nested: { n: 1 } });
    });
  });
}
