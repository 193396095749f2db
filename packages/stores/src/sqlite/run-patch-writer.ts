import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { RunPatch } from '@weft/engine';

/**
 * Writes a run patch with one UPDATE that sets only the fields the patch names, and nothing at all
 * when it names none (a patch that is only `expectStatus` leaves the runs row untouched). One prepared
 * statement per patch shape, made on first use. The caller has already checked that the run exists and
 * matches `expectStatus` inside the same write transaction.
 */
export class RunPatchWriter {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  write(rid: number, patch: RunPatch | undefined): void {
    if (!patch) return;
    const assignments: string[] = [];
    const values: SQLInputValue[] = [];
    const set = (assignment: string, value: SQLInputValue): void => {
      assignments.push(assignment);
      values.push(value);
    };
    if (patch.status !== undefined) set('status = ?', patch.status);
    if (patch.output !== undefined) set('output = ?', JSON.stringify(patch.output) ?? 'null');
    if (patch.error !== undefined)
      set('error = ?', patch.error === null ? null : JSON.stringify(patch.error));
    if (patch.state !== undefined) set('state = ?', JSON.stringify(patch.state));
    if (patch.usage !== undefined) set('usage = ?', JSON.stringify(patch.usage));
    if (patch.startedAt !== undefined) set('started_at = ?', patch.startedAt);
    if (patch.endedAt !== undefined) set('ended_at = ?', patch.endedAt);
    if (assignments.length === 0) return;

    const sql = `UPDATE runs SET ${assignments.join(', ')} WHERE rid = ?`;
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    statement.run(...values, rid);
  }
}
