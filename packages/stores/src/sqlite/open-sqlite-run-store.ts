import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { RunStore } from '@weft/engine';
import { migrateSqlite } from './migrate.ts';
import { sqliteMigrations } from './migrations.ts';
import { SqliteRunStore } from './sqlite-run-store.ts';

/** Where and how to open the SQLite run store. */
export interface SqliteRunStoreOptions {
  /** Database file (its folder is created), or `:memory:` for a private in-memory database. */
  path: string;
  /** How long to wait for another process's write lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating and migrating as needed) a SQLite run store on `node:sqlite`: WAL journal,
 * `synchronous=NORMAL` (a committed step survives a process crash; an OS crash may lose the last few
 * commits but never corrupts), foreign keys on.
 *
 * @example const store = await openSqliteRunStore({ path: '.weft/weft.db' });
 */
export async function openSqliteRunStore(options: SqliteRunStoreOptions): Promise<RunStore> {
  const inMemory = options.path === ':memory:';
  if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
  const db = new DatabaseSync(options.path, {
    enableForeignKeyConstraints: true,
    timeout: options.busyTimeoutMs ?? 5000,
  });
  try {
    db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA foreign_keys = ON;
      PRAGMA temp_store = MEMORY;
      PRAGMA journal_size_limit = 67108864;
    `);
    migrateSqlite(db, sqliteMigrations);
    return new SqliteRunStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
}
