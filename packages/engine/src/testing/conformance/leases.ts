import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../records.ts';
import { T0, seedRun, type ConformanceContext } from './fixtures.ts';

// A lease held by w1 until T0 + 100; `now` and the asking owner vary.
const ACQUIRE_CASES: Array<[string, string, number, boolean]> = [
  ['the same owner renews', 'w1', T0 + 50, true],
  ['another owner is refused before expiry', 'w2', T0 + 50, false],
  ['another owner is refused at the exact expiry time', 'w2', T0 + 100, false],
  ['another owner takes an expired lease', 'w2', T0 + 101, true],
];

interface OrphanCase {
  id: string;
  status: RunStatus;
  leaseUntil?: number;
  orphan: boolean;
}

const NOW = T0 + 1000;
const ORPHAN_CASES: OrphanCase[] = [
  { id: 'queued-free', status: 'queued', orphan: true },
  { id: 'running-free', status: 'running', orphan: true },
  { id: 'running-expired', status: 'running', leaseUntil: NOW - 1, orphan: true },
  { id: 'queued-expired', status: 'queued', leaseUntil: NOW - 500, orphan: true },
  { id: 'running-live', status: 'running', leaseUntil: NOW + 1, orphan: false },
  { id: 'running-until-now', status: 'running', leaseUntil: NOW, orphan: false },
  { id: 'queued-live', status: 'queued', leaseUntil: NOW + 30_000, orphan: false },
  { id: 'waiting-free', status: 'waiting', orphan: false },
  { id: 'succeeded-free', status: 'succeeded', orphan: false },
  { id: 'failed-expired', status: 'failed', leaseUntil: NOW - 1, orphan: false },
  { id: 'cancelled-free', status: 'cancelled', orphan: false },
];

/** Leases: one owner at a time until expiry; orphan search for work a dead process left. */
export function describeLeases(ctx: ConformanceContext): void {
  describe('leases', () => {
    it('takes a free lease and shows it on the run', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      expect(await store.acquireLease('r1', 'w1', T0 + 100, T0)).toBe(true);
      expect(await store.getRun('r1')).toMatchObject({ owner: 'w1', leaseUntil: T0 + 100 });
    });

    it.each(ACQUIRE_CASES)('%s', async (_case, owner, now, granted) => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      await store.acquireLease('r1', 'w1', T0 + 100, T0);
      expect(await store.acquireLease('r1', owner, now + 200, now)).toBe(granted);
      const expected = granted ? { owner, leaseUntil: now + 200 } : { owner: 'w1', leaseUntil: T0 + 100 };
      expect(await store.getRun('r1')).toMatchObject(expected);
    });

    it('releases only for the owner, then lets others in', async () => {
      const store = ctx.store();
      await seedRun(store, 'r1');
      await store.acquireLease('r1', 'w1', T0 + 100, T0);
      await store.releaseLease('r1', 'w2');
      expect(await store.getRun('r1')).toMatchObject({ owner: 'w1' });
      await store.releaseLease('r1', 'w1');
      const run = await store.getRun('r1');
      expect(run && ('owner' in run || 'leaseUntil' in run)).toBe(false);
      expect(await store.acquireLease('r1', 'w2', T0 + 100, T0)).toBe(true);
    });

    it('refuses a lease on an unknown run', async () => {
      expect(await ctx.store().acquireLease('ghost', 'w1', T0 + 100, T0)).toBe(false);
      await ctx.store().releaseLease('ghost', 'w1');
    });

    it('finds running and queued runs whose lease is missing or expired, and only those', async () => {
      const store = ctx.store();
      for (const [i, c] of ORPHAN_CASES.entries()) {
        await seedRun(store, c.id, { status: c.status, createdAt: T0 + i });
        if (c.leaseUntil !== undefined) await store.acquireLease(c.id, 'w1', c.leaseUntil, T0);
      }
      const found = (await store.findOrphanedRuns(NOW, 100)).map((r) => r.id);
      expect(found.sort()).toStrictEqual(
        ORPHAN_CASES.filter((c) => c.orphan)
          .map((c) => c.id)
          .sort(),
      );
      expect(await store.findOrphanedRuns(NOW, 2)).toHaveLength(2);
      const [first] = await store.findOrphanedRuns(NOW, 1);
      expect(first).toStrictEqual(await store.getRun(first?.id ?? ''));
    });
  });
}
