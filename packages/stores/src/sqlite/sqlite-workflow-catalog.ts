import type { SQLInputValue, StatementSync } from 'node:sqlite';
import type { WorkflowCatalog, WorkflowQuery, WorkflowSummary, WorkflowVersion } from '@weft/engine';
import {
  decodeWorkflowCursor,
  encodeWorkflowCursor,
  workflowListLimit,
  workflowSearchNeedle,
} from '@weft/engine';
import type { SqliteConnection } from './connection.ts';
import { versionFromRow, type VersionRow } from './rows.ts';
import { SUMMARY_COLUMNS, summaryFromRow, type SummaryRow } from './workflow-summary.ts';

/**
 * The `WorkflowCatalog` part of the SQLite store. Summaries are read from the derived columns of
 * `workflows`, which the run part keeps current, so a listing reads one row per workflow, in
 * `workflows_by_updated` order, resuming after the cursor.
 */
export class SqliteWorkflowCatalog implements WorkflowCatalog {
  readonly #conn: SqliteConnection;
  readonly #get: StatementSync;
  readonly #versions: StatementSync;
  readonly #delete: StatementSync;
  /** One statement per query shape (search, deleted, cursor), made on first use. */
  readonly #lists = new Map<string, StatementSync>();

  constructor(conn: SqliteConnection) {
    this.#conn = conn;
    const p = (sql: string): StatementSync => conn.db.prepare(sql);
    this.#get = p(`SELECT ${SUMMARY_COLUMNS} FROM workflows WHERE id = ?`);
    this.#versions = p(
      'SELECT workflow_id, version, hash, created_at, definition FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC',
    );
    this.#delete = p('UPDATE workflows SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  }

  async listWorkflows(query: WorkflowQuery): Promise<{ workflows: WorkflowSummary[]; nextCursor?: string }> {
    const limit = workflowListLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeWorkflowCursor(query.cursor);
    const needle = workflowSearchNeedle(query.search);
    const where: string[] = [];
    const params: SQLInputValue[] = [];
    if (!query.includeDeleted) where.push('deleted_at IS NULL');
    if (needle !== undefined) {
      // instr, not LIKE: no wildcards to escape, and search_text is already lower-cased.
      where.push('instr(search_text, ?) > 0');
      params.push(needle);
    }
    if (after) {
      where.push('(updated_at, id) < (?, ?)');
      params.push(after.updatedAt, after.id);
    }
    params.push(limit + 1);
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM workflows ${filter} ORDER BY updated_at DESC, id DESC LIMIT ?`;
    const rows = this.#conn.run(() => this.#list(sql).all(...params)) as unknown as SummaryRow[];
    const workflows = rows.slice(0, limit).map(summaryFromRow);
    const last = workflows.at(-1);
    return rows.length > limit && last
      ? { workflows, nextCursor: encodeWorkflowCursor(last) }
      : { workflows };
  }

  async getWorkflow(id: string): Promise<WorkflowSummary | undefined> {
    const row = this.#conn.run(() => this.#get.get(id)) as SummaryRow | undefined;
    return row && summaryFromRow(row);
  }

  async listWorkflowVersions(id: string): Promise<WorkflowVersion[]> {
    const rows = this.#conn.run(() => this.#versions.all(id)) as unknown as VersionRow[];
    return rows.map(versionFromRow);
  }

  async deleteWorkflow(id: string, now: number): Promise<boolean> {
    return this.#conn.run(() => Number(this.#delete.run(now, id).changes) === 1);
  }

  #list(sql: string): StatementSync {
    let statement = this.#lists.get(sql);
    if (!statement) {
      statement = this.#conn.db.prepare(sql);
      this.#lists.set(sql, statement);
    }
    return statement;
  }
}
