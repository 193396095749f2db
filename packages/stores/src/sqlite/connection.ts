import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { WeftError } from '@weft/engine';
import { toStoreError } from './sqlite-errors.ts';

/**
 * A migrated `node:sqlite` connection shared by the parts of the SQLite store: runs its transactions
 * and knows whether it is still open. Everything is synchronous; the stores' async methods only match
 * their ports.
 */
export class SqliteConnection {
  readonly db: DatabaseSync;
  readonly #beginWrite: StatementSync;
  readonly #beginRead: StatementSync;
  readonly #commit: StatementSync;
  readonly #rollback: StatementSync;

  /** Takes a migrated connection; `close()` closes it. */
  constructor(db: DatabaseSync) {
    this.db = db;
    this.#beginWrite = db.prepare('BEGIN IMMEDIATE');
    this.#beginRead = db.prepare('BEGIN');
    this.#commit = db.prepare('COMMIT');
    this.#rollback = db.prepare('ROLLBACK');
  }

  /**
   * Runs `work` in one transaction; any error rolls all of it back. A write transaction takes the write
   * lock up front (BEGIN IMMEDIATE, waiting up to the busy timeout for another connection), so what
   * `work` reads cannot change before it commits.
   */
  transaction<T>(work: () => T, mode: 'write' | 'read' = 'write'): T {
    this.assertOpen();
    try {
      (mode === 'write' ? this.#beginWrite : this.#beginRead).run();
      const result = work();
      this.#commit.run();
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.#rollback.run();
      throw toStoreError(error);
    }
  }

  /** Runs one statement's worth of work outside a transaction, with driver errors as Weft errors. */
  run<T>(work: () => T): T {
    this.assertOpen();
    try {
      return work();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  assertOpen(): void {
    if (!this.db.isOpen) throw new WeftError('STORE_ERROR', 'The store is closed.');
  }

  /** Closes the connection (once; later calls do nothing), leaving the query planner its statistics. */
  close(): void {
    if (!this.db.isOpen) return;
    try {
      this.db.exec('PRAGMA optimize');
    } finally {
      this.db.close();
    }
  }
}
