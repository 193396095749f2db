import type { SQLInputValue } from 'node:sqlite';
import type { RunStatus, WorkflowDefinition, WorkflowSummary } from '@weft/engine';
import { triggerKinds, workflowSearchText } from '@weft/engine';
import type { SqliteConnection } from './connection.ts';

// The workflow catalog's columns on `workflows`: derived from the latest version and the last run, and
// written by the store's own writes (see statements.ts: upsertWorkflow, noteRunCreated, noteRunStatus).

/** Columns of a summary, in the order `SummaryRow` names them. */
export const SUMMARY_COLUMNS =
  'id, name, description, latest_version, triggers, created_at, updated_at, deleted_at, last_run_id, last_run_status, last_run_created_at';

export interface SummaryRow {
  id: string;
  name: string;
  description: string | null;
  latest_version: number;
  triggers: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  last_run_id: string | null;
  last_run_status: string | null;
  last_run_created_at: number | null;
}

export function summaryFromRow(row: SummaryRow): WorkflowSummary {
  const summary: WorkflowSummary = {
    id: row.id,
    name: row.name,
    latestVersion: row.latest_version,
    triggers: JSON.parse(row.triggers) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.description !== null) summary.description = row.description;
  if (row.deleted_at !== null) summary.deletedAt = row.deleted_at;
  if (row.last_run_id !== null && row.last_run_status !== null && row.last_run_created_at !== null) {
    summary.lastRun = {
      id: row.last_run_id,
      status: row.last_run_status as RunStatus,
      createdAt: row.last_run_created_at,
    };
  }
  return summary;
}

/** Named parameters of `upsertWorkflow` for a newly saved version. */
export function versionSummaryParams(
  workflowId: string,
  version: number,
  definition: WorkflowDefinition,
  now: number,
): Record<string, SQLInputValue> {
  return {
    id: workflowId,
    name: definition.name,
    now,
    version,
    description: definition.description ?? null,
    triggers: JSON.stringify(triggerKinds(definition)),
    searchText: workflowSearchText(workflowId, definition.name, definition.description),
  };
}

/**
 * Fills in the summary columns of workflows saved before migration 2 added them (their
 * `latest_version` is still 0). Runs on every open; when there are none it costs one scan of the
 * (small) workflows table. Safe from several processes at once: the write transaction re-reads.
 */
export function fillMissingSummaries(conn: SqliteConnection): void {
  const db = conn.db;
  if (!db.prepare('SELECT 1 FROM workflows WHERE latest_version = 0 LIMIT 1').get()) return;
  conn.transaction(() => {
    const stale = db.prepare('SELECT id FROM workflows WHERE latest_version = 0').all() as Array<{
      id: string;
    }>;
    const latest = db.prepare(
      'SELECT version, definition FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC LIMIT 1',
    );
    const lastRun = db.prepare(
      'SELECT id, status, created_at FROM runs WHERE workflow_id = ? ORDER BY created_at DESC, id DESC LIMIT 1',
    );
    const update = db.prepare(
      `UPDATE workflows SET name = $name, latest_version = $version, description = $description, triggers = $triggers,
         search_text = $searchText, last_run_id = $runId, last_run_status = $runStatus, last_run_created_at = $runCreatedAt
       WHERE id = $id`,
    );
    for (const { id } of stale) {
      const version = latest.get(id) as { version: number; definition: string } | undefined;
      if (!version) continue;
      const definition = JSON.parse(version.definition) as WorkflowDefinition;
      const run = lastRun.get(id) as { id: string; status: string; created_at: number } | undefined;
      const { now: _now, ...fields } = versionSummaryParams(id, version.version, definition, 0);
      update.run({
        ...fields,
        runId: run?.id ?? null,
        runStatus: run?.status ?? null,
        runCreatedAt: run?.created_at ?? null,
      });
    }
  });
}
