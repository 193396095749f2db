import { WeftStoreFacade } from '@weft/engine';
import type { SqliteConnection } from './connection.ts';
import { SqliteChatStore } from './sqlite-chat-store.ts';
import { SqliteCredentialStore } from './sqlite-credential-store.ts';
import { SqliteRunStore } from './sqlite-run-store.ts';
import { SqliteScheduleStore } from './sqlite-schedule-store.ts';
import { SqliteTokenStore } from './sqlite-token-store.ts';
import { SqliteWorkflowCatalog } from './sqlite-workflow-catalog.ts';

interface Parts {
  runs: SqliteRunStore;
  catalog: SqliteWorkflowCatalog;
  credentials: SqliteCredentialStore;
  tokens: SqliteTokenStore;
  schedules: SqliteScheduleStore;
  chat: SqliteChatStore;
}

/**
 * The `WeftStore` on one `node:sqlite` connection; open it with `openSqliteStore`. Each port lives in
 * its own part (with its own prepared statements); the facade hands each call to its part once the
 * connection is known to be open.
 */
export class SqliteStore extends WeftStoreFacade {
  readonly #conn: SqliteConnection;
  readonly #parts: Parts;

  /** Takes a migrated connection; the store owns it from now on and closes it in `close()`. */
  constructor(conn: SqliteConnection) {
    super();
    this.#conn = conn;
    this.#parts = {
      runs: new SqliteRunStore(conn),
      catalog: new SqliteWorkflowCatalog(conn),
      credentials: new SqliteCredentialStore(conn),
      tokens: new SqliteTokenStore(conn),
      schedules: new SqliteScheduleStore(conn),
      chat: new SqliteChatStore(conn),
    };
  }

  async close(): Promise<void> {
    this.#conn.close();
  }

  /** The parts, once the connection is known to be open. */
  protected override parts(): Parts {
    this.#conn.assertOpen();
    return this.#parts;
  }
}
