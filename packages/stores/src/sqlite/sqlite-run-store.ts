import type { StatementSync } from 'node:sqlite';
import { ConflictError, NotFoundError, WeftError } from '@weft/engine';
import type {
  CommitBatch,
  NewRun,
  RunEvent,
  RunPage,
  RunQuery,
  RunRecord,
  RunStatus,
  RunStore,
  StepRecord,
  StepWrite,
  WorkflowDefinition,
  WorkflowVersion,
} from '@weft/engine';
import { decodeRunCursor, encodeRunCursor, runListLimit, workflowHash } from '@weft/engine';
import { RunPatchWriter } from './run-patch-writer.ts';
import { prepareStatements, type Statements } from './statements.ts';
import { runListSql } from './run-list-query.ts';
import {
  attemptFromRow,
  currentAttempt,
  eventFromRow,
  jsonOrNull,
  MAX_SEQ,
  runFromRow,
  stepFromRow,
  type AttemptRow,
  type EventRow,
  type RunRow,
  type StepRow,
  type VersionRow,
  versionFromRow,
} from './rows.ts';
import type { SqliteConnection } from './connection.ts';
import { isConstraintError } from './sqlite-errors.ts';
import { versionSummaryParams } from './workflow-summary.ts';

/** The attempt columns of a step row written without an attempt. */
const NO_ATTEMPT: readonly null[] = Array<null>(9).fill(null);

/**
 * The `RunStore` part of the SQLite store. It also keeps the workflow catalog's derived columns current
 * (latest version summary, last run and its status) in the same transactions as the writes that change them.
 */
export class SqliteRunStore implements Omit<RunStore, 'close'> {
  readonly #conn: SqliteConnection;
  readonly #s: Statements;
  readonly #patches: RunPatchWriter;
  readonly #listStatements = new Map<string, StatementSync>();

  constructor(conn: SqliteConnection) {
    this.#conn = conn;
    this.#s = prepareStatements(conn.db);
    this.#patches = new RunPatchWriter(conn.db);
  }

  async saveWorkflowVersion(workflowId: string, definition: WorkflowDefinition): Promise<WorkflowVersion> {
    const hash = workflowHash(definition);
    return this.#conn.transaction(() => {
      const latest = this.#s.latestVersion.get(workflowId) as VersionRow | undefined;
      const now = Date.now();
      // Only the latest version is compared: saving older content again makes it the newest version.
      if (latest?.hash === hash) {
        this.#s.restoreWorkflow.run(now, workflowId);
        return versionFromRow(latest);
      }
      const row: VersionRow = {
        workflow_id: workflowId,
        version: (latest?.version ?? 0) + 1,
        hash,
        created_at: now,
        definition: JSON.stringify(definition),
      };
      this.#s.upsertWorkflow.run(versionSummaryParams(workflowId, row.version, definition, now));
      this.#s.insertVersion.run(row.workflow_id, row.version, row.hash, row.created_at, row.definition);
      return versionFromRow(row);
    });
  }

  async getWorkflowVersion(workflowId: string, version?: number): Promise<WorkflowVersion | undefined> {
    this.#conn.assertOpen();
    const row =
      version === undefined
        ? this.#s.latestVersion.get(workflowId)
        : this.#s.versionByNumber.get(workflowId, version);
    return row && versionFromRow(row as unknown as VersionRow);
  }

  async createRun(run: NewRun): Promise<RunRecord> {
    return this.#conn.transaction(() => {
      const s = this.#s;
      if (s.runExists.get(run.id))
        throw new ConflictError(`Run ${run.id} already exists.`, { runId: run.id });
      if (!s.versionExists.get(run.workflowId, run.workflowVersion)) {
        throw new NotFoundError(
          `Workflow ${run.workflowId} has no version ${run.workflowVersion}: save it before creating runs of it.`,
        );
      }
      if (run.parentRunId !== undefined && !s.runExists.get(run.parentRunId)) {
        throw new NotFoundError(`Parent run ${run.parentRunId} of run ${run.id} does not exist.`);
      }
      const { rid } = s.insertRun.get(
        run.id,
        run.workflowId,
        run.workflowVersion,
        run.createdAt,
        run.parentRunId ?? null,
        run.parentStepId ?? null,
        JSON.stringify(run.options),
        JSON.stringify(run.state),
        JSON.stringify(run.input) ?? 'null',
      ) as { rid: number };
      s.noteRunCreated.run({ runId: run.id, createdAt: run.createdAt, workflowId: run.workflowId });
      this.#insertEvents(run.id, rid, run.events);
      return runFromRow(s.getRun.get(run.id) as unknown as RunRow);
    });
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    this.#conn.assertOpen();
    const row = this.#s.getRun.get(runId);
    return row && runFromRow(row as unknown as RunRow);
  }

  async listRuns(query: RunQuery): Promise<RunPage> {
    this.#conn.assertOpen();
    const limit = runListLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeRunCursor(query.cursor);
    const { sql, params } = runListSql(query, after, limit);
    let statement = this.#listStatements.get(sql);
    if (!statement) {
      statement = this.#conn.db.prepare(sql);
      this.#listStatements.set(sql, statement);
    }
    const rows = statement.all(...params) as unknown as RunRow[];
    const runs = rows.slice(0, limit).map(runFromRow);
    const last = runs.at(-1);
    return rows.length > limit && last ? { runs, nextCursor: encodeRunCursor(last) } : { runs };
  }

  async getSteps(runId: string): Promise<StepRecord[]> {
    this.#conn.assertOpen();
    // One read transaction, so steps and attempts come from the same snapshot. A step's superseded
    // attempts (all numbered below its current one) come first, then the one its row holds.
    return this.#conn.transaction(() => {
      const rows = this.#s.steps.all(runId) as unknown as StepRow[];
      const steps = new Map<number, StepRecord>();
      for (const row of rows) steps.set(row.ord, stepFromRow(runId, row));
      for (const row of this.#s.attempts.all(runId) as unknown as AttemptRow[])
        steps.get(row.step_ord)?.attempts.push(attemptFromRow(row));
      for (const row of rows) {
        const current = currentAttempt(row);
        if (current) steps.get(row.ord)?.attempts.push(current);
      }
      return [...steps.values()];
    }, 'read');
  }

  async commit(runId: string, batch: CommitBatch): Promise<void> {
    this.#conn.transaction(() => {
      const run = this.#s.runForCommit.get(runId) as
        { rid: number; status: RunStatus; workflow_id: string } | undefined;
      if (!run) throw new NotFoundError(`Run ${runId} does not exist.`);
      const patch = batch.run;
      const expect = patch?.expectStatus;
      if (expect && !expect.includes(run.status)) {
        throw new ConflictError(`Run ${runId} is ${run.status}, expected ${expect.join(' or ')}.`, {
          runId,
          status: run.status,
          expected: expect,
        });
      }
      if (batch.steps) for (const write of batch.steps) this.#writeStep(run.rid, write);
      this.#patches.write(run.rid, patch);
      const status = patch?.status;
      if (status !== undefined && status !== run.status)
        this.#s.noteRunStatus.run(status, run.workflow_id, runId);
      if (batch.events) this.#insertEvents(runId, run.rid, batch.events);
    });
  }

  async listEvents(runId: string, afterSeq: number, limit: number): Promise<RunEvent[]> {
    this.#conn.assertOpen();
    if (limit <= 0) return [];
    const after = Math.min(Math.max(afterSeq, -1), MAX_SEQ);
    const rows = this.#s.events.all(runId, after, limit) as unknown as EventRow[];
    return rows.map((row) => eventFromRow(runId, row));
  }

  async acquireLease(runId: string, owner: string, leaseUntil: number, now: number): Promise<boolean> {
    this.#conn.assertOpen();
    return Number(this.#s.acquireLease.run(owner, leaseUntil, runId, owner, now).changes) === 1;
  }

  async releaseLease(runId: string, owner: string): Promise<void> {
    this.#conn.assertOpen();
    this.#s.releaseLease.run(runId, owner);
  }

  async findOrphanedRuns(now: number, limit: number): Promise<RunRecord[]> {
    this.#conn.assertOpen();
    if (limit <= 0) return [];
    return (this.#s.orphans.all(now, limit) as unknown as RunRow[]).map(runFromRow);
  }

  /**
   * Writes a step and the attempt it carries. The step row holds the attempt with the highest number
   * written; the upsert covers a new step and a write of that same attempt (or of a first one), which is
   * all the engine's steady state needs. Otherwise it changes nothing and the row is read: a higher
   * attempt moves the row's one to step_attempts and takes its place, a lower one goes to step_attempts
   * directly, and a write without one changes only the step's own fields.
   */
  #writeStep(rid: number, write: StepWrite): void {
    const s = this.#s;
    const attempt = write.attempt;
    const number = attempt?.attempt ?? 0;
    const own = [
      write.nodeId,
      write.iteration,
      write.index ?? null,
      write.parentStepId ?? null,
      write.status,
      write.wakeAt ?? null,
      jsonOrNull(write.ports),
      write.waitingFor == null ? null : JSON.stringify(write.waitingFor),
    ];
    const data = attempt
      ? [
          attempt.status,
          attempt.startedAt ?? null,
          attempt.endedAt ?? null,
          attempt.model ?? null,
          jsonOrNull(attempt.usage),
          jsonOrNull(attempt.error),
          jsonOrNull(attempt.toolCalls),
          jsonOrNull(attempt.input),
          jsonOrNull(attempt.output),
        ]
      : NO_ATTEMPT;
    if (Number(s.upsertStep.run(rid, write.stepId, ...own, number, ...data).changes) > 0) return;

    const row = s.stepAttempt.get(rid, write.stepId) as { ord: number; attempt: number };
    if (number > row.attempt) {
      s.supersedeAttempt.run(row.ord);
      s.updateStep.run(...own, number, ...data, row.ord);
    } else {
      s.updateStepFields.run(...own, row.ord);
      if (attempt) s.upsertOldAttempt.run(rid, row.ord, number, ...data);
    }
  }

  /** Inserts events of run `rid`; a seq already taken is a conflict. */
  #insertEvents(runId: string, rid: number, events: readonly RunEvent[]): void {
    for (const event of events) {
      const seq = event.seq;
      if (!Number.isInteger(seq) || seq < 0 || seq > MAX_SEQ) {
        throw new WeftError(
          'STORE_ERROR',
          `Event seq ${seq} of run ${runId} is not an integer from 0 to ${MAX_SEQ}.`,
        );
      }
      try {
        this.#s.insertEvent.run(
          rid,
          seq,
          event.type,
          event.at,
          event.stepId ?? null,
          JSON.stringify(event.data) ?? 'null',
        );
      } catch (error) {
        if (isConstraintError(error))
          throw new ConflictError(`Run ${runId} already has an event with seq ${event.seq}.`, {
            runId,
            seq: event.seq,
          });
        throw error;
      }
    }
  }
}
