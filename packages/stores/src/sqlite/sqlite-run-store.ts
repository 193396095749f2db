import type { StatementSync } from 'node:sqlite';
import { ConflictError, NotFoundError } from '@weft/engine';
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
  eventFromRow,
  jsonOrNull,
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
      const lastSeq = run.events.reduce((max, e) => Math.max(max, e.seq), 0);
      s.insertRun.run(
        run.id,
        run.workflowId,
        run.workflowVersion,
        run.createdAt,
        lastSeq,
        run.parentRunId ?? null,
        run.parentStepId ?? null,
        JSON.stringify(run.options),
        JSON.stringify(run.state),
        JSON.stringify(run.input) ?? 'null',
      );
      s.noteRunCreated.run({ runId: run.id, createdAt: run.createdAt, workflowId: run.workflowId });
      this.#insertEvents(run.id, run.events);
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
    // One read transaction, so steps and attempts come from the same snapshot.
    return this.#conn.transaction(() => {
      const steps = new Map<string, StepRecord>();
      for (const row of this.#s.steps.all(runId) as unknown as StepRow[])
        steps.set(row.step_id, stepFromRow(runId, row));
      for (const row of this.#s.attempts.all(runId) as unknown as AttemptRow[])
        steps.get(row.step_id)?.attempts.push(attemptFromRow(row));
      return [...steps.values()];
    }, 'read');
  }

  async commit(runId: string, batch: CommitBatch): Promise<void> {
    const events = batch.events ?? [];
    let lastSeq = 0;
    for (const event of events) if (event.seq > lastSeq) lastSeq = event.seq;
    this.#conn.transaction(() => {
      const run = this.#s.runForCommit.get(runId) as
        { status: RunStatus; step_count: number; workflow_id: string } | undefined;
      if (!run) throw new NotFoundError(`Run ${runId} does not exist.`);
      const expect = batch.run?.expectStatus;
      if (expect && !expect.includes(run.status)) {
        throw new ConflictError(`Run ${runId} is ${run.status}, expected ${expect.join(' or ')}.`, {
          runId,
          status: run.status,
          expected: expect,
        });
      }
      let newSteps = 0;
      for (const write of batch.steps ?? []) {
        if (this.#writeStep(runId, write, run.step_count + newSteps + 1)) newSteps++;
      }
      this.#patches.write(runId, batch.run, { lastSeq, newSteps });
      const status = batch.run?.status;
      if (status !== undefined && status !== run.status)
        this.#s.noteRunStatus.run(status, run.workflow_id, runId);
      this.#insertEvents(runId, events);
    });
  }

  async listEvents(runId: string, afterSeq: number, limit: number): Promise<RunEvent[]> {
    this.#conn.assertOpen();
    if (limit <= 0) return [];
    const rows = this.#s.events.all(runId, afterSeq, limit) as unknown as EventRow[];
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

  /** Upserts the step and its attempt; returns true when the step is new (it took `ord`). */
  #writeStep(runId: string, write: StepWrite, ord: number): boolean {
    const attempt = write.attempt;
    const stored = this.#s.upsertStep.get(
      runId,
      write.stepId,
      ord,
      write.nodeId,
      write.iteration,
      write.index ?? null,
      write.parentStepId ?? null,
      write.status,
      attempt?.attempt ?? 0,
      write.wakeAt ?? null,
      jsonOrNull(write.ports),
      write.waitingFor == null ? null : JSON.stringify(write.waitingFor),
    );
    const created = stored?.ord === ord;
    if (!attempt) return created;
    this.#s.upsertAttempt.run(
      runId,
      write.stepId,
      attempt.attempt,
      attempt.status,
      attempt.startedAt ?? null,
      attempt.endedAt ?? null,
      attempt.model ?? null,
      jsonOrNull(attempt.usage),
      jsonOrNull(attempt.error),
      jsonOrNull(attempt.toolCalls),
      jsonOrNull(attempt.input),
      jsonOrNull(attempt.output),
    );
    return created;
  }

  #insertEvents(runId: string, events: readonly RunEvent[]): void {
    for (const event of events) {
      try {
        this.#s.insertEvent.run(
          runId,
          event.seq,
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
