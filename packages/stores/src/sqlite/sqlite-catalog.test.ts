import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateSqlite } from './migrate.ts';
import { sqliteMigrations } from './migrations.ts';
import { openSqliteStore } from './open-sqlite-run-store.ts';

describe('SQLite catalog and accounts schema', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'weft-sqlite-catalog-'));
    path = join(dir, 'weft.db');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills in summaries of workflows saved before migration 2', async () => {
    const db = new DatabaseSync(path);
    migrateSqlite(db, sqliteMigrations.slice(0, 1));
    const definition = (name: string) =>
      JSON.stringify({
        name,
        description: 'Écrit des résumés',
        nodes: [{ id: 'a', type: 'noop', params: {} }],
        edges: [],
        triggers: [{ type: 'chat', historyLimit: 20 }],
      });
    db.exec(`INSERT INTO workflows (id, name, created_at, updated_at) VALUES ('old', 'v1 name', 1, 2)`);
    const version = db.prepare(
      `INSERT INTO workflow_versions (workflow_id, version, hash, created_at, definition) VALUES ('old', ?, ?, ?, ?)`,
    );
    version.run(1, 'h1', 1, definition('First'));
    version.run(2, 'h2', 2, definition('Second'));
    const run = db.prepare(
      `INSERT INTO runs (id, workflow_id, workflow_version, status, created_at, usage, options, state, input)
       VALUES (?, 'old', 2, ?, ?, '{}', '{}', '{}', 'null')`,
    );
    run.run('r-late', 'succeeded', 20);
    run.run('r-early', 'failed', 10);
    db.close();

    const store = await openSqliteStore({ path });
    try {
      expect(await store.getWorkflow('old')).toStrictEqual({
        id: 'old',
        name: 'Second',
        description: 'Écrit des résumés',
        latestVersion: 2,
        triggers: ['chat'],
        createdAt: 1,
        updatedAt: 2,
        lastRun: { id: 'r-late', status: 'succeeded', createdAt: 20 },
      });
      expect((await store.listWorkflows({ search: 'ÉCRIT' })).workflows.map((w) => w.id)).toStrictEqual([
        'old',
      ]);
    } finally {
      await store.close();
    }
  });

  it.each([
    [
      'listWorkflows, first page',
      'SELECT id FROM workflows WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT 51',
      'workflows_by_updated',
    ],
    [
      'listWorkflows after a cursor',
      'SELECT id FROM workflows WHERE deleted_at IS NULL AND (updated_at, id) < (5, ?) ORDER BY updated_at DESC, id DESC LIMIT 51',
      'workflows_by_updated',
    ],
    [
      'dueSchedules',
      'SELECT id FROM schedules WHERE enabled = 1 AND next_fire_at <= 5 ORDER BY next_fire_at, id LIMIT 10',
      'schedules_due',
    ],
    ['findTokenByHash', "SELECT id FROM api_tokens WHERE hash = 'h'", 'sqlite_autoindex_api_tokens'],
    [
      'listChatMessages',
      "SELECT seq FROM chat_messages WHERE workflow_id = 'w' AND session_id = 's' ORDER BY seq DESC LIMIT 5",
      'sqlite_autoindex_chat_messages',
    ],
  ])('reads %s through an index, without sorting', async (_case, sql, index) => {
    await (await openSqliteStore({ path })).close();
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${sql.replace('?', "'x'")}`)
        .all()
        .map((row) => String(row.detail))
        .join('\n');
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });
});
