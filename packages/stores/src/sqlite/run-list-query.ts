import type { SQLInputValue } from 'node:sqlite';
import type { RunQuery } from '@weft/engine';
import type { RunCursor } from '@weft/engine';
import { RUN_COLUMNS } from './rows.ts';

/** SQL of one listRuns page; queries that differ only in values get the same text, so statements can be reused. */
export interface RunListSql {
  sql: string;
  params: SQLInputValue[];
}

/**
 * Builds the keyset-paginated SELECT for `query`: newest first by (created_at, id), resuming strictly
 * after the cursor's row, fetching `limit + 1` rows to learn whether another page exists.
 */
export function runListSql(query: RunQuery, after: RunCursor | undefined, limit: number): RunListSql {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (query.workflowId !== undefined) {
    where.push('workflow_id = ?');
    params.push(query.workflowId);
  }
  if (query.status !== undefined) {
    where.push(query.status.length > 0 ? `status IN (${query.status.map(() => '?').join(', ')})` : '0');
    params.push(...query.status);
  }
  if (query.createdAfter !== undefined) {
    where.push('created_at > ?');
    params.push(query.createdAfter);
  }
  if (query.createdBefore !== undefined) {
    where.push('created_at < ?');
    params.push(query.createdBefore);
  }
  if (query.parentRunId === null) where.push('parent_run_id IS NULL');
  else if (query.parentRunId !== undefined) {
    where.push('parent_run_id = ?');
    params.push(query.parentRunId);
  }
  if (after) {
    where.push('(created_at, id) < (?, ?)');
    params.push(after.createdAt, after.id);
  }
  params.push(limit + 1);
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const sql = `SELECT ${RUN_COLUMNS} FROM runs ${filter} ORDER BY created_at DESC, id DESC LIMIT ?`;
  return { sql, params };
}
