import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WeftStore } from '../../ports/weft-store.ts';
import type { WorkflowQuery } from '../../ports/workflow-catalog.ts';
import type { WorkflowDefinition } from '../../workflow/schema.ts';
import { T0, definition, expectCode, newRun, type WeftConformanceContext } from './fixtures.ts';

/** A definition with a name, an optional description and triggers. */
function described(name: string, description?: string, triggers?: WorkflowDefinition['triggers']) {
  const made: WorkflowDefinition = { ...definition(name) };
  if (description !== undefined) made.description = description;
  if (triggers !== undefined) made.triggers = triggers;
  return made;
}

const SCHEDULE = { type: 'schedule', cron: '0 * * * *', timezone: 'UTC', enabled: true } as const;
const TRIGGERS: WorkflowDefinition['triggers'] = [
  { type: 'webhook', path: 'in', methods: ['POST'], response: 'async', timeoutMs: 30_000 },
  SCHEDULE,
  { ...SCHEDULE, name: 'second' },
  { type: 'chat', historyLimit: 20 },
];

// Saved one per millisecond in this order, so newest first is the reverse (ops_cron is the newest).
const CATALOG: Array<[id: string, name: string, description?: string]> = [
  ['alpha', 'Research digest', 'Summarizes the news each morning'],
  ['beta', 'Invoice extractor'],
  ['gamma', 'Résumé screener', 'Ranks CVs'],
  ['delta-news', 'Slack bot', 'Posts to Slack'],
  ['ops_cron', 'Nightly build', 'Plans, writes files, runs the build'],
];

const SEARCH_CASES: Array<[string, WorkflowQuery, string[]]> = [
  ['no search', {}, ['ops_cron', 'delta-news', 'gamma', 'beta', 'alpha']],
  ['an id', { search: 'ALPHA' }, ['alpha']],
  ['a name, any case', { search: 'invoice EXTRACTOR' }, ['beta']],
  ['a description', { search: 'ranks cvs' }, ['gamma']],
  ['id or description', { search: 'News' }, ['delta-news', 'alpha']],
  ['non-ASCII case', { search: 'RÉSUMÉ' }, ['gamma']],
  ['literal underscore', { search: '_' }, ['ops_cron']],
  ['literal percent', { search: '%' }, []],
  ['no match', { search: 'zzz' }, []],
  ['blank search', { search: '   ' }, ['ops_cron', 'delta-news', 'gamma', 'beta', 'alpha']],
  ['limit', { limit: 2 }, ['ops_cron', 'delta-news']],
];

async function seedCatalog(store: WeftStore): Promise<void> {
  for (const [i, [id, name, description]] of CATALOG.entries()) {
    vi.setSystemTime(T0 + i);
    await store.saveWorkflowVersion(id, described(name, description));
  }
}

async function walk(store: WeftStore, query: WorkflowQuery): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.listWorkflows({ ...query, ...(cursor === undefined ? {} : { cursor }) });
    ids.push(...page.workflows.map((w) => w.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== undefined && pages < 1000);
  return { ids, pages };
}

/** The workflow catalog: summaries of the latest version, search, paging, last run, soft delete. */
export function describeWorkflowCatalog(ctx: WeftConformanceContext): void {
  describe('workflow catalog', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('summarizes the latest version', async () => {
      const store = ctx.store();
      await store.saveWorkflowVersion('wf', described('First'));
      vi.setSystemTime(T0 + 50);
      await store.saveWorkflowVersion('wf', described('Second', 'Does things', TRIGGERS));
      expect(await store.getWorkflow('wf')).toStrictEqual({
        id: 'wf',
        name: 'Second',
        description: 'Does things',
        latestVersion: 2,
        triggers: ['webhook', 'schedule', 'chat'],
        createdAt: T0,
        updatedAt: T0 + 50,
      });
      expect(await store.getWorkflow('nope')).toBeUndefined();
    });

    it('leaves the summary alone when identical content is saved again', async () => {
      const store = ctx.store();
      await store.saveWorkflowVersion('wf', described('Same', 'Kept'));
      const before = await store.getWorkflow('wf');
      vi.setSystemTime(T0 + 50);
      await store.saveWorkflowVersion('wf', described('Same', 'Kept'));
      expect(await store.getWorkflow('wf')).toStrictEqual(before);
    });

    it('drops a description the latest version no longer has', async () => {
      const store = ctx.store();
      await store.saveWorkflowVersion('wf', described('One', 'Described'));
      await store.saveWorkflowVersion('wf', described('Two'));
      const summary = await store.getWorkflow('wf');
      expect(summary && 'description' in summary).toBe(false);
      expect(summary?.triggers).toStrictEqual([]);
    });

    it.each(SEARCH_CASES)('lists by updatedAt, newest first: %s', async (_case, query, expected) => {
      await seedCatalog(ctx.store());
      const page = await ctx.store().listWorkflows(query);
      expect(page.workflows.map((w) => w.id)).toStrictEqual(expected);
    });

    it('lists the same summaries getWorkflow returns', async () => {
      const store = ctx.store();
      await seedCatalog(store);
      const { workflows } = await store.listWorkflows({});
      for (const summary of workflows) expect(summary).toStrictEqual(await store.getWorkflow(summary.id));
    });

    it('moves a workflow to the top when a new version is saved', async () => {
      const store = ctx.store();
      await seedCatalog(store);
      vi.setSystemTime(T0 + 100);
      await store.saveWorkflowVersion('beta', described('Invoice extractor v2'));
      expect((await store.listWorkflows({ limit: 2 })).workflows.map((w) => w.id)).toStrictEqual([
        'beta',
        'ops_cron',
      ]);
    });

    it.each([1, 2, 3, 7, 25, 40])(
      'pages with limit %i, ties broken by id, no duplicates or gaps',
      async (limit) => {
        const store = ctx.store();
        // 25 workflows, three to a millisecond, saved out of order.
        for (let i = 0; i < 25; i++) {
          const n = (i * 7) % 25;
          vi.setSystemTime(T0 + Math.floor(n / 3));
          await store.saveWorkflowVersion(`w${String(n).padStart(2, '0')}`, definition(`n${n}`));
        }
        const all = (await store.listWorkflows({ limit: 100 })).workflows.map((w) => w.id);
        expect(all).toStrictEqual(
          Array.from({ length: 25 }, (_, i) => `w${String(24 - i).padStart(2, '0')}`),
        );
        const { ids, pages } = await walk(store, { limit });
        expect(ids).toStrictEqual(all);
        expect(pages).toBe(Math.max(1, Math.ceil(25 / limit)));
      },
    );

    it('pages through a search', async () => {
      const store = ctx.store();
      await seedCatalog(store);
      expect((await walk(store, { search: 'e', limit: 2 })).ids).toStrictEqual([
        'ops_cron',
        'delta-news',
        'gamma',
        'beta',
        'alpha',
      ]);
    });

    it('rejects a cursor it did not make', async () => {
      await expectCode(ctx.store().listWorkflows({ cursor: 'not a cursor' }), 'INVALID_INPUT');
    });

    it('follows the last run created and its status', async () => {
      const store = ctx.store();
      await store.saveWorkflowVersion('wf', definition());
      await store.createRun(newRun('r1', { createdAt: T0 + 10 }));
      expect((await store.getWorkflow('wf'))?.lastRun).toStrictEqual({
        id: 'r1',
        status: 'queued',
        createdAt: T0 + 10,
      });
      await store.commit('r1', { run: { status: 'running' } });
      expect((await store.getWorkflow('wf'))?.lastRun?.status).toBe('running');

      await store.createRun(newRun('r2', { createdAt: T0 + 20 }));
      // A run created with an earlier time is not the last one; neither are its status changes.
      await store.createRun(newRun('r0', { createdAt: T0 + 5 }));
      await store.commit('r0', { run: { status: 'failed' } });
      await store.commit('r1', { run: { status: 'succeeded' } });
      expect((await store.getWorkflow('wf'))?.lastRun).toStrictEqual({
        id: 'r2',
        status: 'queued',
        createdAt: T0 + 20,
      });
      await store.commit('r2', { run: { status: 'cancelled' }, events: [] });
      const listed = (await store.listWorkflows({})).workflows[0];
      expect(listed?.lastRun).toStrictEqual({ id: 'r2', status: 'cancelled', createdAt: T0 + 20 });
      // The same time: the higher id is the later run, as in listRuns.
      await store.createRun(newRun('r3', { createdAt: T0 + 20 }));
      expect((await store.getWorkflow('wf'))?.lastRun?.id).toBe('r3');
    });

    it('keeps a refused commit from changing the last run', async () => {
      const store = ctx.store();
      await store.saveWorkflowVersion('wf', definition());
      await store.createRun(newRun('r1'));
      await expectCode(
        store.commit('r1', { run: { expectStatus: ['running'], status: 'failed' } }),
        'CONFLICT',
      );
      expect((await store.getWorkflow('wf'))?.lastRun?.status).toBe('queued');
    });

    it('keeps each workflow’s last run apart', async () => {
      const store = ctx.store();
      await store.saveWorkflowVersion('a', definition());
      await store.saveWorkflowVersion('b', definition());
      await store.createRun(newRun('ra', { workflowId: 'a' }));
      await store.createRun(newRun('rb', { workflowId: 'b', createdAt: T0 + 1 }));
      expect((await store.getWorkflow('a'))?.lastRun?.id).toBe('ra');
      expect((await store.getWorkflow('b'))?.lastRun?.id).toBe('rb');
    });

    it('soft-deletes: hidden from lists, versions and runs kept', async () => {
      const store = ctx.store();
      await seedCatalog(store);
      await store.saveWorkflowVersion('beta', described('Invoice extractor v2'));
      await store.createRun(newRun('r1', { workflowId: 'beta', workflowVersion: 2 }));
      expect(await store.deleteWorkflow('beta', T0 + 500)).toBe(true);
      expect(await store.deleteWorkflow('beta', T0 + 600)).toBe(false);
      expect(await store.deleteWorkflow('ghost', T0 + 600)).toBe(false);

      const listed = async (query: WorkflowQuery) =>
        (await store.listWorkflows(query)).workflows.map((w) => w.id);
      expect(await listed({})).not.toContain('beta');
      expect(await listed({ search: 'invoice' })).toStrictEqual([]);
      expect(await listed({ includeDeleted: true })).toContain('beta');
      expect(await listed({ search: 'invoice', includeDeleted: true })).toStrictEqual(['beta']);
      expect(await store.getWorkflow('beta')).toMatchObject({
        deletedAt: T0 + 500,
        latestVersion: 2,
        lastRun: { id: 'r1' },
      });
      expect((await store.listWorkflowVersions('beta')).map((v) => v.version)).toStrictEqual([2, 1]);
      expect(await store.getWorkflowVersion('beta', 1)).toBeDefined();
      expect(await store.getRun('r1')).toMatchObject({ workflowId: 'beta' });
      expect((await store.listRuns({ workflowId: 'beta' })).runs).toHaveLength(1);
    });

    it.each([
      ['identical content', 'Invoice extractor'],
      ['new content', 'Invoice extractor v2'],
    ])('restores a deleted workflow when it is saved again (%s)', async (_case, name) => {
      const store = ctx.store();
      await seedCatalog(store);
      await store.deleteWorkflow('beta', T0 + 500);
      vi.setSystemTime(T0 + 700);
      await store.saveWorkflowVersion('beta', described(name));
      const summary = await store.getWorkflow('beta');
      expect(summary && 'deletedAt' in summary).toBe(false);
      expect(summary).toMatchObject({ name, updatedAt: T0 + 700, createdAt: T0 + 1 });
      expect((await store.listWorkflows({ limit: 1 })).workflows[0]?.id).toBe('beta');
    });

    it('lists versions newest first', async () => {
      const store = ctx.store();
      const v1 = await store.saveWorkflowVersion('wf', definition('one'));
      const v2 = await store.saveWorkflowVersion('wf', definition('two'));
      await store.saveWorkflowVersion('other', definition('x'));
      expect(await store.listWorkflowVersions('wf')).toStrictEqual([v2, v1]);
      expect(await store.listWorkflowVersions('nope')).toStrictEqual([]);
    });
  });
}
