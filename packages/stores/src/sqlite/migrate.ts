import type { DatabaseSync } from 'node:sqlite';
import { WeftError } from '@weft/engine';
import { assertMigrationOrder, type Migration } from '../migration.ts';

/**
 * Applies the migrations a database lacks, each in its own transaction, recording them in
 * `schema_migrations`. Safe to call on every open and from several processes at once: the write lock
 * is taken before checking what is applied. Returns the versions it applied.
 */
export function migrateSqlite(db: DatabaseSync, migrations: readonly Migration[]): number[] {
  assertMigrationOrder(migrations);
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT',
  );
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const newest = db.prepare('SELECT max(version) AS version FROM schema_migrations');

  const known = migrations.length;
  const stored = Number(newest.get()?.version ?? 0);
  if (stored > known) {
    throw new WeftError(
      'STORE_ERROR',
      `The database is at schema version ${stored} but this Weft knows only up to ${known}: upgrade Weft or use another database file.`,
    );
  }

  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= stored) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      if (!isApplied.get(migration.version)) {
        db.exec(migration.sql);
        record.run(migration.version, migration.name, Date.now());
        applied.push(migration.version);
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw new WeftError(
        'STORE_ERROR',
        `Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
  return applied;
}
