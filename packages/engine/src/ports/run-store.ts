import type { RunEvent } from '../events.ts';
import type { Json, JsonObject } from '../json.ts';
import type { ErrorJson } from '../errors.ts';
import type { AttemptRecord, RunOptions, RunRecord, RunStatus, StepRecord, StepStatus, Usage } from '../records.ts';
import type { WorkflowDefinition } from '../workflow/schema.ts';

/** A stored, immutable version of a workflow. */
export interface WorkflowVersion {
  workflowId: string;
  version: number;
  /** Content hash: saving identical content again returns the existing version. */
  hash: string;
  definition: WorkflowDefinition;
  createdAt: number;
}

/** What the engine needs to create a run. */
export interface NewRun {
  id: string;
  workflowId: string;
  workflowVersion: number;
  input: Json;
  state: JsonObject;
  options: RunOptions;
  parentRunId?: string;
  parentStepId?: string;
  createdAt: number;
  /** Events written in the same transaction as the run (usually `run.created`). */
  events: RunEvent[];
}

/** Change of run fields, applied only when the run's status is one of `expectStatus` (compare-and-set). */
export interface RunPatch {
  expectStatus?: RunStatus[];
  status?: RunStatus;
  output?: Json;
  error?: ErrorJson | null;
  state?: JsonObject;
  usage?: Usage;
  startedAt?: number;
  endedAt?: number | null;
}

/**
 * A step's current fields plus the attempt being written. The store upserts the step row and the
 * attempt row `(runId, stepId, attempt.attempt)`; earlier attempts stay as they were.
 */
export interface StepWrite {
  stepId: string;
  nodeId: string;
  iteration: number;
  index?: number;
  parentStepId?: string;
  status: StepStatus;
  ports?: string[];
  wakeAt?: number | null;
  waitingFor?: Json | null;
  /** The attempt to write (attempt number ≥ 1), or none when only the step row changes. */
  attempt?: AttemptRecord;
}

/** One atomic change to a run: all of it is written, or none of it. */
export interface CommitBatch {
  run?: RunPatch;
  steps?: StepWrite[];
  events?: RunEvent[];
}

/** Filters and cursor for listing runs, newest first. */
export interface RunQuery {
  workflowId?: string;
  status?: RunStatus[];
  createdAfter?: number;
  createdBefore?: number;
  parentRunId?: string | null;
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface RunPage {
  runs: RunRecord[];
  nextCursor?: string;
}

/**
 * The engine's durable run store. Adapters: SQLite (`node:sqlite`) and Postgres in `@weft/stores`,
 * an in-memory one in `@weft/engine/testing`. Every adapter passes the same conformance suite.
 */
export interface RunStore {
  /** Saves a workflow definition; identical content returns the existing version. */
  saveWorkflowVersion(workflowId: string, definition: WorkflowDefinition): Promise<WorkflowVersion>;
  getWorkflowVersion(workflowId: string, version?: number): Promise<WorkflowVersion | undefined>;

  createRun(run: NewRun): Promise<RunRecord>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  listRuns(query: RunQuery): Promise<RunPage>;
  /** Every step of a run with all attempts, in creation order. */
  getSteps(runId: string): Promise<StepRecord[]>;

  /**
   * Writes the batch atomically. Throws `ConflictError` (and writes nothing) when `run.expectStatus`
   * does not match, or when an event's seq is already taken.
   */
  commit(runId: string, batch: CommitBatch): Promise<void>;

  /** Events with seq > `afterSeq`, oldest first. */
  listEvents(runId: string, afterSeq: number, limit: number): Promise<RunEvent[]>;

  /**
   * Takes or renews the lease on a run for `owner` until `leaseUntil`. Succeeds when the run is
   * unowned, owned by `owner`, or its lease expired before `now`; returns false otherwise.
   */
  acquireLease(runId: string, owner: string, leaseUntil: number, now: number): Promise<boolean>;
  /** Gives the lease up (only if `owner` holds it). */
  releaseLease(runId: string, owner: string): Promise<void>;
  /** Runs in `running` or `queued` whose lease is missing or expired before `now`: work a dead process left. */
  findOrphanedRuns(now: number, limit: number): Promise<RunRecord[]>;

  close(): Promise<void>;
}
