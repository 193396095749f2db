import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { WeftStore } from '@weft/engine';
import { SqliteConnection } from './connection.ts';
import { migrateSqlite } from './migrate.ts';
import { sqliteMigrations } from './migrations.ts';
import { SqliteStore } from './sqlite-store.ts';
import { fillMissingSummaries } from './workflow-summary.ts';

/** Where and how to open the SQLite store. */
export interface SqliteStoreOptions {
  /** Database file (its folder is created), or `:memory:` for a private in-memory database. */
  path: string;
  /** How long to wait for another connection's write lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
}

/** The earlier name of `SqliteStoreOptions`. */
export type SqliteRunStoreOptions = SqliteStoreOptions;

/**
 * Opens (creating and migrating as needed) the SQLite store on `node:sqlite`: runs, workflow catalog,
 * credentials, API tokens, schedules and chat history in one database. WAL journal, `synchronous=NORMAL`
 * (a committed step survives a process crash; an OS crash may lose the last few commits but never
 * corrupts), foreign keys on. Several processes may open the same file: writes queue on SQLite's lock.
 *
 * @example const store = await openSqliteRunStore({ path: '.weft/weft.db' });
 */
export async function openSqliteRunStore(options: SqliteStoreOptions): Promise<WeftStore> {
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
    const conn = new SqliteConnection(db);
    fillMissingSummaries(conn);
    return new SqliteStore(conn);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens the SQLite store: the same function as `openSqliteRunStore`, named for what it returns.
 *
 * @example const store = await openSqliteStore({ path: '.weft/weft.db' });
 */
export const openSqliteStore: (options: SqliteStoreOptions) => Promise<WeftStore> = openSqliteRunStore;
