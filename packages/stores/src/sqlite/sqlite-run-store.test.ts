import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStore } from '@weft/engine';
import { describeWeftStoreConformance } from '@weft/engine/testing';
import { openSqliteRunStore, openSqliteStore } from './open-sqlite-run-store.ts';
import { migrateSqlite } from './migrate.ts';
import { sqliteMigrations } from './migrations.ts';

describeWeftStoreConformance('SQLite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-sqlite-'));
  const path = join(dir, 'weft.db');
  const store = await openSqliteStore({ path });
  return {
    store,
    openPeer: () => openSqliteStore({ path }),
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeWeftStoreConformance('SQLite (:memory:)', async () => {
  const store = await openSqliteRunStore({ path: ':memory:' });
  return { store, cleanup: () => store.close() };
});

describe('SQLite run store on disk', () => {
  let dir: string;
  let path: string;
  const open: RunStore[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'weft-sqlite-'));
    path = join(dir, 'nested', 'folder', 'weft.db');
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openStore(): Promise<RunStore> {
    const store = await openSqliteRunStore({ path });
    open.push(store);
    return store;
  }

  function inspect<T>(read: (db: DatabaseSync) => T): T {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  }

  it('creates the parent folder and turns WAL on', async () => {
    await openStore();
    expect(inspect((db) => db.prepare('PRAGMA journal_mode').get())).toEqual({ journal_mode: 'wal' });
  });

  it('applies migrations once and reopens without applying them again', async () => {
    await (await openStore()).close();
    await (await openStore()).close();
    const db = new DatabaseSync(path);
    try {
      expect(migrateSqlite(db, sqliteMigrations)).toStrictEqual([]);
      const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      expect(rows.map((r) => r.version)).toStrictEqual(sqliteMigrations.map((m) => m.version));
    } finally {
      db.close();
    }
  });

  it('refuses a database migrated by a newer Weft', async () => {
    await (await openStore()).close();
    const db = new DatabaseSync(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      999,
      'future',
      0,
    );
    db.close();
    await expect(openSqliteRunStore({ path })).rejects.toMatchObject({
      code: 'STORE_ERROR',
      message: expect.stringMatching(/version 999/),
    });
  });

  it('rolls a failing migration back completely', () => {
    const db = new DatabaseSync(':memory:');
    const broken = [
      ...sqliteMigrations,
      {
        version: sqliteMigrations.length + 1,
        name: 'broken',
        sql: 'CREATE TABLE half (x); SELECT * FROM nope;',
      },
    ];
    expect(() => migrateSqlite(db, broken)).toThrow(/Migration \d+ \(broken\) failed/);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    expect(migrateSqlite(db, sqliteMigrations)).toStrictEqual([]);
    db.close();
  });

  it('keeps everything across close and reopen', async () => {
    const first = await openStore();
    const saved = await first.saveWorkflowVersion('wf', {
      name: 'Kept',
      nodes: [{ id: 'a', type: 'noop', params: {} }],
      edges: [],
    });
    await first.createRun({
      id: 'r1',
      workflowId: 'wf',
      workflowVersion: 1,
      input: { q: 'é' },
      state: {},
      options: {},
      createdAt: 1,
      events: [],
    });
    await first.commit('r1', {
      run: { status: 'running' },
      steps: [
        {
          stepId: 'a',
          nodeId: 'a',
          iteration: 1,
          status: 'succeeded',
          attempt: { attempt: 1, status: 'succeeded', output: 42 },
        },
      ],
      events: [{ runId: 'r1', seq: 1, type: 'step.succeeded', at: 2, stepId: 'a', data: { output: 42 } }],
    });
    const before = {
      run: await first.getRun('r1'),
      steps: await first.getSteps('r1'),
      events: await first.listEvents('r1', 0, 10),
    };
    await first.close();

    const second = await openStore();
    expect(await second.getWorkflowVersion('wf')).toStrictEqual(saved);
    expect({
      run: await second.getRun('r1'),
      steps: await second.getSteps('r1'),
      events: await second.listEvents('r1', 0, 10),
    }).toStrictEqual(before);
  });

  it('finds orphaned runs through an index, not a table scan', async () => {
    await openStore();
    const plan = inspect((db) =>
      db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT id FROM runs WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < 1) ORDER BY created_at, id LIMIT 5",
        )
        .all()
        .map((row) => String(row.detail))
        .join('\n'),
    );
    expect(plan).toMatch(/USING INDEX runs_by_status/);
    expect(plan).not.toMatch(/SCAN runs/);
  });
});
