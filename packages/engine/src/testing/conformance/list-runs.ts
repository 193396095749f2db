import { describe, expect, it } from 'vitest';
import type { RunQuery, RunStore } from '../../ports/run-store.ts';
import type { RunStatus } from '../../records.ts';
import { T0, expectCode, seedRun, type ConformanceContext } from './fixtures.ts';

interface SeedRow {
  id: string;
  workflowId: string;
  status: RunStatus;
  at: number;
  parentRunId?: string;
}

// Newest first: c3, c2, c1, b2, a3, b1, a2, a1 (b1 and a2 share a time, so the id breaks the tie).
const ROWS: SeedRow[] = [
  { id: 'a1', workflowId: 'wfA', status: 'succeeded', at: 1000 },
  { id: 'a2', workflowId: 'wfA', status: 'failed', at: 2000 },
  { id: 'a3', workflowId: 'wfA', status: 'running', at: 3000 },
  { id: 'b1', workflowId: 'wfB', status: 'queued', at: 2000 },
  { id: 'b2', workflowId: 'wfB', status: 'succeeded', at: 4000 },
  { id: 'c1', workflowId: 'wfA', status: 'succeeded', at: 5000, parentRunId: 'a3' },
  { id: 'c2', workflowId: 'wfA', status: 'waiting', at: 5000, parentRunId: 'a3' },
  { id: 'c3', workflowId: 'wfB', status: 'failed', at: 6000, parentRunId: 'b2' },
];

const FILTER_CASES: Array<[string, RunQuery, string[]]> = [
  ['no filter', {}, ['c3', 'c2', 'c1', 'b2', 'a3', 'b1', 'a2', 'a1']],
  ['workflowId', { workflowId: 'wfB' }, ['c3', 'b2', 'b1']],
  ['one status', { status: ['failed'] }, ['c3', 'a2']],
  ['several statuses', { status: ['succeeded', 'failed'] }, ['c3', 'c1', 'b2', 'a2', 'a1']],
  ['createdAfter (exclusive)', { createdAfter: T0 + 2000 }, ['c3', 'c2', 'c1', 'b2', 'a3']],
  ['createdBefore (exclusive)', { createdBefore: T0 + 3000 }, ['b1', 'a2', 'a1']],
  ['time range', { createdAfter: T0 + 1000, createdBefore: T0 + 5000 }, ['b2', 'a3', 'b1', 'a2']],
  ['top-level runs only', { parentRunId: null }, ['b2', 'a3', 'b1', 'a2', 'a1']],
  ['children of a run', { parentRunId: 'a3' }, ['c2', 'c1']],
  ['children of a childless run', { parentRunId: 'a1' }, []],
  [
    'filters combined',
    { workflowId: 'wfA', status: ['succeeded', 'running'], parentRunId: null },
    ['a3', 'a1'],
  ],
  ['limit', { limit: 3 }, ['c3', 'c2', 'c1']],
];

async function seedRows(store: RunStore): Promise<void> {
  for (const row of ROWS) {
    await seedRun(store, row.id, {
      workflowId: row.workflowId,
      status: row.status,
      createdAt: T0 + row.at,
      ...(row.parentRunId === undefined ? {} : { parentRunId: row.parentRunId }),
    });
  }
}

/** Reads every page of `query` and returns the ids in order, with the number of pages. */
async function walk(store: RunStore, query: RunQuery): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.listRuns({ ...query, ...(cursor === undefined ? {} : { cursor }) });
    ids.push(...page.runs.map((r) => r.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== undefined && pages < 1000);
  return { ids, pages };
}

/** listRuns: filters, newest-first order and keyset pagination. */
export function describeListRuns(ctx: ConformanceContext): void {
  describe('listRuns', () => {
    it.each(FILTER_CASES)('filters by %s', async (_case, query, expected) => {
      await seedRows(ctx.store());
      const page = await ctx.store().listRuns(query);
      expect(page.runs.map((r) => r.id)).toStrictEqual(expected);
    });

    it('returns whole run records', async () => {
      const store = ctx.store();
      await seedRows(store);
      const [listed] = (await store.listRuns({ parentRunId: 'b2' })).runs;
      expect(listed).toStrictEqual(await store.getRun('c3'));
    });

    it.each([1, 3, 4, 7, 20, 50])(
      'pages newest first with limit %i, no duplicates or gaps',
      async (limit) => {
        const store = ctx.store();
        // 20 runs in groups of three sharing a creation time, created out of order.
        for (let i = 0; i < 20; i++) {
          const n = (i * 7) % 20;
          await seedRun(store, `p${String(n).padStart(2, '0')}`, { createdAt: T0 + Math.floor(n / 3) * 10 });
        }
        const all = (await store.listRuns({ limit: 100 })).runs.map((r) => r.id);
        expect(all).toHaveLength(20);
        expect(all).toStrictEqual([...all].sort((a, b) => (a < b ? 1 : -1)));
        const { ids, pages } = await walk(store, { limit });
        expect(ids).toStrictEqual(all);
        expect(pages).toBe(Math.max(1, Math.ceil(20 / limit)));
      },
    );

    it('pages through a filter', async () => {
      const store = ctx.store();
      await seedRows(store);
      expect((await walk(store, { status: ['succeeded', 'failed'], limit: 2 })).ids).toStrictEqual([
        'c3',
        'c1',
        'b2',
        'a2',
        'a1',
      ]);
    });

    it('keeps its place when runs are created between pages', async () => {
      const store = ctx.store();
      await seedRows(store);
      const first = await store.listRuns({ limit: 3 });
      await seedRun(store, 'newest', { createdAt: T0 + 9000 });
      await seedRun(store, 'oldest', { createdAt: T0 });
      const rest = await walk(store, {
        limit: 3,
        ...(first.nextCursor === undefined ? {} : { cursor: first.nextCursor }),
      });
      expect([...first.runs.map((r) => r.id), ...rest.ids]).toStrictEqual([
        'c3',
        'c2',
        'c1',
        'b2',
        'a3',
        'b1',
        'a2',
        'a1',
        'oldest',
      ]);
    });

    it('rejects a cursor it did not make', async () => {
      await expectCode(ctx.store().listRuns({ cursor: 'not a cursor' }), 'INVALID_INPUT');
    });
  });
}
