import type { StatementSync } from 'node:sqlite';
import type { Json, ScheduleInput, ScheduleRecord, ScheduleStore } from '@weft/engine';
import type { SqliteConnection } from './connection.ts';

const SCHEDULE_COLUMNS = 'id, workflow_id, enabled, next_fire_at, last_fired_at, cron, timezone, input';

interface ScheduleRow {
  id: string;
  workflow_id: string;
  enabled: number;
  next_fire_at: number | null;
  last_fired_at: number | null;
  cron: string;
  timezone: string;
  input: string;
}

/**
 * The `ScheduleStore` part of the SQLite store: table `schedules`. Every write is one statement, so
 * each is atomic on its own; a tick claim is an UPDATE conditioned on the expected `next_fire_at`,
 * which only one connection can win (SQLite runs one writer at a time).
 */
export class SqliteScheduleStore implements ScheduleStore {
  readonly #conn: SqliteConnection;
  readonly #put: StatementSync;
  readonly #all: StatementSync;
  readonly #ofWorkflow: StatementSync;
  readonly #get: StatementSync;
  readonly #setEnabled: StatementSync;
  readonly #due: StatementSync;
  readonly #claim: StatementSync;
  readonly #prune: StatementSync;

  constructor(conn: SqliteConnection) {
    this.#conn = conn;
    const p = (sql: string): StatementSync => conn.db.prepare(sql);
    // $enabled NULL keeps the stored value (a new schedule is enabled); next_fire_at only while enabled.
    this.#put = p(
      `INSERT INTO schedules (id, workflow_id, enabled, next_fire_at, last_fired_at, cron, timezone, input)
       VALUES ($id, $workflowId, coalesce($enabled, 1), CASE WHEN coalesce($enabled, 1) = 1 THEN $nextFireAt END,
         $lastFiredAt, $cron, $timezone, $input)
       ON CONFLICT (id) DO UPDATE SET workflow_id = excluded.workflow_id, cron = excluded.cron,
         timezone = excluded.timezone, input = excluded.input, enabled = coalesce($enabled, enabled),
         next_fire_at = CASE WHEN coalesce($enabled, enabled) = 1 THEN $nextFireAt END,
         last_fired_at = coalesce($lastFiredAt, last_fired_at)`,
    );
    this.#all = p(`SELECT ${SCHEDULE_COLUMNS} FROM schedules ORDER BY id`);
    this.#ofWorkflow = p(`SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE workflow_id = ? ORDER BY id`);
    this.#get = p(`SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE id = ?`);
    this.#setEnabled = p(
      'UPDATE schedules SET enabled = $enabled, next_fire_at = CASE WHEN $enabled = 1 THEN $nextFireAt END WHERE id = $id',
    );
    this.#due = p(
      `SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE enabled = 1 AND next_fire_at <= ? ORDER BY next_fire_at, id LIMIT ?`,
    );
    this.#claim = p(
      'UPDATE schedules SET next_fire_at = ?, last_fired_at = ? WHERE id = ? AND enabled = 1 AND next_fire_at = ?',
    );
    this.#prune = p(
      'DELETE FROM schedules WHERE workflow_id = ? AND id NOT IN (SELECT value FROM json_each(?))',
    );
  }

  async putSchedule(s: ScheduleInput): Promise<void> {
    this.#conn.run(() =>
      this.#put.run({
        id: s.id,
        workflowId: s.workflowId,
        enabled: s.enabled === undefined ? null : Number(s.enabled),
        nextFireAt: s.nextFireAt ?? null,
        lastFiredAt: s.lastFiredAt ?? null,
        cron: s.cron,
        timezone: s.timezone,
        input: JSON.stringify(s.input) ?? 'null',
      }),
    );
  }

  async listSchedules(workflowId?: string): Promise<ScheduleRecord[]> {
    const rows = this.#conn.run(() =>
      workflowId === undefined ? this.#all.all() : this.#ofWorkflow.all(workflowId),
    ) as unknown as ScheduleRow[];
    return rows.map(scheduleFromRow);
  }

  async getSchedule(id: string): Promise<ScheduleRecord | undefined> {
    const row = this.#conn.run(() => this.#get.get(id)) as ScheduleRow | undefined;
    return row && scheduleFromRow(row);
  }

  async setScheduleEnabled(id: string, enabled: boolean, nextFireAt: number | undefined): Promise<boolean> {
    const params = { id, enabled: Number(enabled), nextFireAt: nextFireAt ?? null };
    return this.#conn.run(() => Number(this.#setEnabled.run(params).changes) === 1);
  }

  async dueSchedules(now: number, limit: number): Promise<ScheduleRecord[]> {
    if (limit <= 0) return [];
    const rows = this.#conn.run(() => this.#due.all(now, limit)) as unknown as ScheduleRow[];
    return rows.map(scheduleFromRow);
  }

  async claimScheduleTick(
    id: string,
    expectedFireAt: number,
    nextFireAt: number | undefined,
    firedAt: number,
  ): Promise<boolean> {
    return this.#conn.run(
      () => Number(this.#claim.run(nextFireAt ?? null, firedAt, id, expectedFireAt).changes) === 1,
    );
  }

  async pruneSchedules(workflowId: string, keepIds: string[]): Promise<void> {
    this.#conn.run(() => this.#prune.run(workflowId, JSON.stringify(keepIds)));
  }
}

function scheduleFromRow(row: ScheduleRow): ScheduleRecord {
  const schedule: ScheduleRecord = {
    id: row.id,
    workflowId: row.workflow_id,
    cron: row.cron,
    timezone: row.timezone,
    input: JSON.parse(row.input) as Json,
    enabled: row.enabled === 1,
  };
  if (row.next_fire_at !== null) schedule.nextFireAt = row.next_fire_at;
  if (row.last_fired_at !== null) schedule.lastFiredAt = row.last_fired_at;
  return schedule;
}
