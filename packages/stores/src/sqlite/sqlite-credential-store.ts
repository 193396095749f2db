import type { StatementSync } from 'node:sqlite';
import type { CredentialStore, StoredCredential } from '@weft/engine';
import type { SqliteConnection } from './connection.ts';

interface CredentialRow {
  name: string;
  type: string;
  created_at: number;
  updated_at: number;
  ciphertext: string;
}

/** The `CredentialStore` part of the SQLite store: table `credentials`, keyed by name. */
export class SqliteCredentialStore implements CredentialStore {
  readonly #conn: SqliteConnection;
  readonly #exists: StatementSync;
  readonly #insert: StatementSync;
  readonly #replace: StatementSync;
  readonly #get: StatementSync;
  readonly #list: StatementSync;
  readonly #delete: StatementSync;

  constructor(conn: SqliteConnection) {
    this.#conn = conn;
    const p = (sql: string): StatementSync => conn.db.prepare(sql);
    this.#exists = p('SELECT 1 FROM credentials WHERE name = ?');
    this.#insert = p(
      'INSERT INTO credentials (name, type, created_at, updated_at, ciphertext) VALUES (?, ?, ?, ?, ?)',
    );
    this.#replace = p('UPDATE credentials SET type = ?, updated_at = ?, ciphertext = ? WHERE name = ?');
    this.#get = p('SELECT name, type, created_at, updated_at, ciphertext FROM credentials WHERE name = ?');
    this.#list = p('SELECT name, type, created_at, updated_at FROM credentials ORDER BY name');
    this.#delete = p('DELETE FROM credentials WHERE name = ?');
  }

  async putCredential(c: StoredCredential): Promise<{ created: boolean }> {
    return this.#conn.transaction(() => {
      if (this.#exists.get(c.name)) {
        this.#replace.run(c.type, c.updatedAt, c.ciphertext, c.name);
        return { created: false };
      }
      this.#insert.run(c.name, c.type, c.createdAt, c.updatedAt, c.ciphertext);
      return { created: true };
    });
  }

  async getCredential(name: string): Promise<StoredCredential | undefined> {
    const row = this.#conn.run(() => this.#get.get(name)) as CredentialRow | undefined;
    return row && { ...listed(row), ciphertext: row.ciphertext };
  }

  async listCredentials(): Promise<Omit<StoredCredential, 'ciphertext'>[]> {
    const rows = this.#conn.run(() => this.#list.all()) as unknown as CredentialRow[];
    return rows.map(listed);
  }

  async deleteCredential(name: string): Promise<boolean> {
    return this.#conn.run(() => Number(this.#delete.run(name).changes) === 1);
  }
}

function listed(row: Omit<CredentialRow, 'ciphertext'>): Omit<StoredCredential, 'ciphertext'> {
  return { name: row.name, type: row.type, createdAt: row.created_at, updatedAt: row.updated_at };
}
