import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { ATTEMPT_COLUMNS, EVENT_COLUMNS, MAX_SEQ, RUN_COLUMNS, SEQ_BITS, STEP_COLUMNS } from './rows.ts';

/** The integer key of run ?1 (NULL when there is no such run). */
const RID = '(SELECT rid FROM runs WHERE id = ?1)';

/** A step row's own columns besides its key and attempt number, in the order `#writeStep` binds them. */
const STEP_FIELDS = 'node_id, iteration, item_index, parent_step_id, status, wake_at, ports, waiting_for';
/** An attempt's columns besides its number and status. */
const ATTEMPT_DATA = 'started_at, ended_at, model, usage, error, tool_calls, input, output';
/** The current attempt's columns in a step row, in the order `#writeStep` binds them. */
const ATTEMPT_FIELDS = `attempt_status, ${ATTEMPT_DATA}`;

/** `list`'s columns mapped by `f`, comma-separated again. */
const each = (list: string, f: (column: string) => string): string => list.split(', ').map(f).join(', ');
const params = (list: string): string => each(list, () => '?');
const assignParams = (list: string): string => each(list, (c) => `${c} = ?`);
const assignExcluded = (list: string): string => each(list, (c) => `${c} = excluded.${c}`);

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
    runForCommit: p('SELECT rid, status, workflow_id FROM runs WHERE id = ?'),
    insertRun: p(
      `INSERT INTO runs (id, workflow_id, workflow_version, status, created_at, parent_run_id, parent_step_id, usage, options, state, input)
       VALUES (?, ?, ?, 'queued', ?, ?, ?, '{"inputTokens":0,"outputTokens":0,"totalTokens":0}', ?, ?, ?)
       RETURNING rid`,
    ),
    getRun: p(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`),
    // The step row holds the attempt with the highest number written (attempt_status is NULL before
    // any). The upsert applies when the step is new, when the row holds no attempt yet, or when the write
    // carries the row's attempt number; otherwise (a higher or lower attempt, or none while the row has
    // one) it changes nothing and `#writeStep` takes its slower path. Parameters: rid, step_id,
    // STEP_FIELDS, attempt, ATTEMPT_FIELDS (attempt_status NULL when the write carries no attempt).
    upsertStep: p(
      `INSERT INTO steps (rid, step_id, ${STEP_FIELDS}, attempt, ${ATTEMPT_FIELDS})
       VALUES (?, ?, ${params(STEP_FIELDS)}, ?, ${params(ATTEMPT_FIELDS)})
       ON CONFLICT (rid, step_id) DO UPDATE SET ${assignExcluded(STEP_FIELDS)},
         attempt = max(steps.attempt, excluded.attempt), ${assignExcluded(ATTEMPT_FIELDS)}
       WHERE steps.attempt_status IS NULL
         OR (excluded.attempt_status IS NOT NULL AND excluded.attempt = steps.attempt)`,
    ),
    stepAttempt: p('SELECT ord, attempt FROM steps WHERE rid = ? AND step_id = ?'),
    // The row's attempt to step_attempts (before a higher one replaces it).
    supersedeAttempt: p(
      `INSERT OR REPLACE INTO step_attempts (rid, step_ord, attempt, status, ${ATTEMPT_DATA})
       SELECT rid, ord, attempt, attempt_status, ${ATTEMPT_DATA} FROM steps WHERE ord = ? AND attempt_status IS NOT NULL`,
    ),
    // Parameters: STEP_FIELDS, attempt, ATTEMPT_FIELDS, ord.
    updateStep: p(
      `UPDATE steps SET ${assignParams(STEP_FIELDS)}, attempt = ?, ${assignParams(ATTEMPT_FIELDS)} WHERE ord = ?`,
    ),
    // Parameters: STEP_FIELDS, ord. The row keeps its attempt.
    updateStepFields: p(`UPDATE steps SET ${assignParams(STEP_FIELDS)} WHERE ord = ?`),
    // An attempt older than the step's current one. Parameters: rid, step_ord, attempt, ATTEMPT_FIELDS.
    upsertOldAttempt: p(
      `INSERT OR REPLACE INTO step_attempts (rid, step_ord, attempt, status, ${ATTEMPT_DATA})
       VALUES (?, ?, ?, ${params(ATTEMPT_FIELDS)})`,
    ),
    insertEvent: p(
      `INSERT INTO events (id, type, at, step_id, data) VALUES ((?1 << ${SEQ_BITS}) | ?2, ?3, ?4, ?5, ?6)`,
    ),
    steps: p(`SELECT ${STEP_COLUMNS} FROM steps WHERE rid = ${RID} ORDER BY ord`),
    attempts: p(`SELECT ${ATTEMPT_COLUMNS} FROM step_attempts WHERE rid = ${RID} ORDER BY step_ord, attempt`),
    // ?2 is afterSeq clamped to -1…MAX_SEQ.
    events: p(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE id > (${RID} << ${SEQ_BITS}) + ?2 AND id <= (${RID} << ${SEQ_BITS}) + ${MAX_SEQ} ORDER BY id LIMIT ?3`,
    ),
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
