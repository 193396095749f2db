import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { RunPatch } from '@weft/engine';

/** What a commit changes on the run row besides the patch itself. */
export interface RunCounters {
  /** Highest event seq in the batch (0 when none). */
  lastSeq: number;
  /** Steps the batch created. */
  newSteps: number;
}

/**
 * Writes a run patch with one UPDATE that sets only the fields the patch names, plus `last_seq` and
 * `step_count`. One prepared statement per patch shape, made on first use. The caller has already
 * checked that the run exists and matches `expectStatus` inside the same write transaction.
 */
export class RunPatchWriter {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  write(runId: string, patch: RunPatch | undefined, counters: RunCounters): void {
    const assignments: string[] = [];
    const values: SQLInputValue[] = [];
    const set = (assignment: string, value: SQLInputValue): void => {
      assignments.push(assignment);
      values.push(value);
    };
    if (patch) {
      if (patch.status !== undefined) set('status = ?', patch.status);
      if (patch.output !== undefined) set('output = ?', JSON.stringify(patch.output) ?? 'null');
      if (patch.error !== undefined)
        set('error = ?', patch.error === null ? null : JSON.stringify(patch.error));
      if (patch.state !== undefined) set('state = ?', JSON.stringify(patch.state));
      if (patch.usage !== undefined) set('usage = ?', JSON.stringify(patch.usage));
      if (patch.startedAt !== undefined) set('started_at = ?', patch.startedAt);
      if (patch.endedAt !== undefined) set('ended_at = ?', patch.endedAt);
    }
    if (counters.lastSeq > 0) set('last_seq = max(last_seq, ?)', counters.lastSeq);
    if (counters.newSteps > 0) set('step_count = step_count + ?', counters.newSteps);
    if (assignments.length === 0) return;

    const sql = `UPDATE runs SET ${assignments.join(', ')} WHERE id = ?`;
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    statement.run(...values, runId);
  }
}
