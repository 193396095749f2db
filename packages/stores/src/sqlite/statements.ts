import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { ATTEMPT_COLUMNS, EVENT_COLUMNS, RUN_COLUMNS, STEP_COLUMNS } from './rows.ts';

/** Prepares every fixed statement the store runs, once per connection; calls reuse them. */
export function prepareStatements(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  return {
    latestVersion: p(
      'SELECT workflow_id, version, hash, created_at, definition FROM workflow_versions WHERE workflow_id = ? ORDER BY version DESC LIMIT 1',
    ),
    versionByNumber: p(
      'SELECT workflow_id, version, hash, created_at, definition FROM workflow_versions WHERE workflow_id = ? AND version = ?',
    ),
    // A new version: the workflow row takes its summary (and is restored if it was deleted).
    upsertWorkflow: p(
      `INSERT INTO workflows (id, name, created_at, updated_at, latest_version, description, triggers, search_text)
       VALUES ($id, $name, $now, $now, $version, $description, $triggers, $searchText)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at,
         latest_version = excluded.latest_version, description = excluded.description, triggers = excluded.triggers,
         search_text = excluded.search_text, deleted_at = NULL`,
    ),
    restoreWorkflow: p(
      'UPDATE workflows SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL',
    ),
    // The run created last (highest created_at, then id, as listRuns orders) is the workflow's last run.
    noteRunCreated: p(
      `UPDATE workflows SET last_run_id = $runId, last_run_status = 'queued', last_run_created_at = $createdAt
       WHERE id = $workflowId AND (last_run_id IS NULL OR (last_run_created_at, last_run_id) < ($createdAt, $runId))`,
    ),
    noteRunStatus: p('UPDATE workflows SET last_run_status = ? WHERE id = ? AND last_run_id = ?'),
    insertVersion: p(
      'INSERT INTO workflow_versions (workflow_id, version, hash, created_at, definition) VALUES (?, ?, ?, ?, ?)',
    ),
    versionExists: p('SELECT 1 FROM workflow_versions WHERE workflow_id = ? AND version = ?'),
    runExists: p('SELECT 1 FROM runs WHERE id = ?'),
    runForCommit: p('SELECT status, step_count, workflow_id FROM runs WHERE id = ?'),
    insertRun: p(
      `INSERT INTO runs (id, workflow_id, workflow_version, status, created_at, last_seq, parent_run_id, parent_step_id, usage, options, state, input)
       VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, '{"inputTokens":0,"outputTokens":0,"totalTokens":0}', ?, ?, ?)`,
    ),
    getRun: p(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`),
    // RETURNING ord tells an insert (ord is the offered one) from an update (ord is the stored one).
    upsertStep: p(
      `INSERT INTO steps (run_id, step_id, ord, node_id, iteration, item_index, parent_step_id, status, attempt, wake_at, ports, waiting_for)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, step_id) DO UPDATE SET node_id = excluded.node_id, iteration = excluded.iteration,
         item_index = excluded.item_index, parent_step_id = excluded.parent_step_id, status = excluded.status,
         attempt = max(attempt, excluded.attempt), wake_at = excluded.wake_at, ports = excluded.ports, waiting_for = excluded.waiting_for
       RETURNING ord`,
    ),
    upsertAttempt: p(
      `INSERT INTO step_attempts (run_id, step_id, attempt, status, started_at, ended_at, model, usage, error, tool_calls, input, output)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, step_id, attempt) DO UPDATE SET status = excluded.status, started_at = excluded.started_at,
         ended_at = excluded.ended_at, model = excluded.model, usage = excluded.usage, error = excluded.error,
         tool_calls = excluded.tool_calls, input = excluded.input, output = excluded.output`,
    ),
    insertEvent: p('INSERT INTO events (run_id, seq, type, at, step_id, data) VALUES (?, ?, ?, ?, ?, ?)'),
    steps: p(`SELECT ${STEP_COLUMNS} FROM steps WHERE run_id = ? ORDER BY ord`),
    attempts: p(`SELECT ${ATTEMPT_COLUMNS} FROM step_attempts WHERE run_id = ? ORDER BY step_id, attempt`),
    events: p(`SELECT ${EVENT_COLUMNS} FROM events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?`),
    acquireLease: p(
      'UPDATE runs SET lease_owner = ?, lease_until = ? WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)',
    ),
    releaseLease: p(
      'UPDATE runs SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
    ),
    orphans: p(
      `SELECT ${RUN_COLUMNS} FROM runs WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < ?)
       ORDER BY created_at, id LIMIT ?`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
