import type { StatementSync } from 'node:sqlite';
import { ConflictError } from '@weft/engine';
import type { ApiTokenRecord, TokenStore } from '@weft/engine';
import type { SqliteConnection } from './connection.ts';
import { isConstraintError } from './sqlite-errors.ts';

const TOKEN_COLUMNS = 'id, name, hash, prefix, created_at, last_used_at';

interface TokenRow {
  id: string;
  name: string;
  hash: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
}

/** The `TokenStore` part of the SQLite store: table `api_tokens`, with a unique index on the hash. */
export class SqliteTokenStore implements TokenStore {
  readonly #conn: SqliteConnection;
  readonly #insert: StatementSync;
  readonly #list: StatementSync;
  readonly #byHash: StatementSync;
  readonly #touch: StatementSync;
  readonly #delete: StatementSync;
  readonly #count: StatementSync;

  constructor(conn: SqliteConnection) {
    this.#conn = conn;
    const p = (sql: string): StatementSync => conn.db.prepare(sql);
    this.#insert = p(
      'INSERT INTO api_tokens (id, name, hash, prefix, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#list = p(`SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY created_at, id`);
    this.#byHash = p(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE hash = ?`);
    // Touches can arrive out of order from several processes: keep the latest.
    this.#touch = p(
      'UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
    );
    this.#delete = p('DELETE FROM api_tokens WHERE id = ?');
    this.#count = p('SELECT count(*) AS n FROM api_tokens');
  }

  async createToken(t: ApiTokenRecord): Promise<void> {
    this.#conn.run(() => {
      try {
        this.#insert.run(t.id, t.name, t.hash, t.prefix, t.createdAt, t.lastUsedAt ?? null);
      } catch (error) {
        if (isConstraintError(error))
          throw new ConflictError(`An API token with id ${t.id} or the same hash exists.`);
        throw error;
      }
    });
  }

  async listTokens(): Promise<ApiTokenRecord[]> {
    return (this.#conn.run(() => this.#list.all()) as unknown as TokenRow[]).map(tokenFromRow);
  }

  async findTokenByHash(hash: string): Promise<ApiTokenRecord | undefined> {
    const row = this.#conn.run(() => this.#byHash.get(hash)) as TokenRow | undefined;
    return row && tokenFromRow(row);
  }

  async touchToken(id: string, at: number): Promise<void> {
    this.#conn.run(() => this.#touch.run(at, id, at));
  }

  async deleteToken(id: string): Promise<boolean> {
    return this.#conn.run(() => Number(this.#delete.run(id).changes) === 1);
  }

  async countTokens(): Promise<number> {
    return Number((this.#conn.run(() => this.#count.get()) as { n: number }).n);
  }
}

function tokenFromRow(row: TokenRow): ApiTokenRecord {
  const token: ApiTokenRecord = {
    id: row.id,
    name: row.name,
    hash: row.hash,
    prefix: row.prefix,
    createdAt: row.created_at,
  };
  if (row.last_used_at !== null) token.lastUsedAt = row.last_used_at;
  return token;
}
