import { ConflictError, NotFoundError } from '../errors.ts';
import type { RunEvent } from '../events.ts';
import type {
  CommitBatch,
  NewRun,
  RunPage,
  RunPatch,
  RunQuery,
  RunStore,
  WorkflowVersion,
} from '../ports/run-store.ts';
import type { RunRecord, StepRecord } from '../records.ts';
import type { WorkflowDefinition } from '../workflow/schema.ts';
import { copyJson } from './copy-json.ts';
import { checkNewSeqs, copyEvent, eventsAfter, insertEvent } from './event-log.ts';
import { decodeRunCursor, encodeRunCursor, runListLimit } from '../store-support/run-cursor.ts';
import { applyStep, prepareStep } from './stored-steps.ts';
import { workflowHash } from '../store-support/workflow-hash.ts';

interface StoredRun {
  record: RunRecord;
  steps: Map<string, StepRecord>;
  /** Sorted by seq. */
  events: RunEvent[];
}

const ORPHAN_STATUSES = new Set(['running', 'queued']);

/** What the workflow catalog hears from the run part: versions saved and runs created. */
export interface RunStoreObserver {
  versionSaved(workflowId: string, created: boolean, now: number): void;
  runCreated(run: RunRecord): void;
}

/**
 * The `RunStore` part of `MemoryRunStore`: workflow versions, runs, steps, events and leases. Values
 * are copied on the way in and out (with JSON's rules), so callers can mutate what they pass or get
 * without touching stored data. `MemoryRunStore` checks that the store is open before calling in.
 */
export class MemoryRuns implements Omit<RunStore, 'close'> {
  readonly #observer: RunStoreObserver;
  #workflows = new Map<string, WorkflowVersion[]>();
  #runs = new Map<string, StoredRun>();

  constructor(observer: RunStoreObserver) {
    this.#observer = observer;
  }

  /** The stored versions of a workflow, oldest first (not copies: read them, do not change them). */
  versions(workflowId: string): readonly WorkflowVersion[] {
    return this.#workflows.get(workflowId) ?? [];
  }

  /** The stored record of a run (not a copy: read it, do not change it). */
  record(runId: string): RunRecord | undefined {
    return this.#runs.get(runId)?.record;
  }

  async saveWorkflowVersion(workflowId: string, definition: WorkflowDefinition): Promise<WorkflowVersion> {
    const hash = workflowHash(definition);
    const versions = this.#workflows.get(workflowId) ?? [];
    const latest = versions.at(-1);
    const now = Date.now();
    // Only the latest version is compared: saving older content again makes it the newest version.
    if (latest?.hash === hash) {
      this.#observer.versionSaved(workflowId, false, now);
      return copyJson(latest);
    }
    const saved: WorkflowVersion = {
      workflowId,
      version: (latest?.version ?? 0) + 1,
      hash,
      definition: copyJson(definition),
      createdAt: now,
    };
    versions.push(saved);
    this.#workflows.set(workflowId, versions);
    this.#observer.versionSaved(workflowId, true, now);
    return copyJson(saved);
  }

  async getWorkflowVersion(workflowId: string, version?: number): Promise<WorkflowVersion | undefined> {
    const versions = this.#workflows.get(workflowId);
    const found = version === undefined ? versions?.at(-1) : versions?.find((v) => v.version === version);
    return found && copyJson(found);
  }

  async createRun(run: NewRun): Promise<RunRecord> {
    if (this.#runs.has(run.id)) throw new ConflictError(`Run ${run.id} already exists.`, { runId: run.id });
    if (!this.#workflows.get(run.workflowId)?.some((v) => v.version === run.workflowVersion)) {
      throw new NotFoundError(
        `Workflow ${run.workflowId} has no version ${run.workflowVersion}: save it before creating runs of it.`,
      );
    }
    if (run.parentRunId !== undefined && !this.#runs.has(run.parentRunId)) {
      throw new NotFoundError(`Parent run ${run.parentRunId} of run ${run.id} does not exist.`);
    }
    checkNewSeqs([], run.events, run.id);
    const events: RunEvent[] = [];
    for (const event of run.events) insertEvent(events, copyEvent(run.id, event));
    const record: RunRecord = {
      id: run.id,
      workflowId: run.workflowId,
      workflowVersion: run.workflowVersion,
      status: 'queued',
      input: copyJson(run.input),
      state: copyJson(run.state),
      options: copyJson(run.options),
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      createdAt: run.createdAt,
      lastSeq: events.at(-1)?.seq ?? 0,
    };
    if (run.parentRunId !== undefined) record.parentRunId = run.parentRunId;
    if (run.parentStepId !== undefined) record.parentStepId = run.parentStepId;
    this.#runs.set(run.id, { record, steps: new Map(), events });
    this.#observer.runCreated(record);
    return copyJson(record);
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const stored = this.#runs.get(runId);
    return stored && copyJson(stored.record);
  }

  async listRuns(query: RunQuery): Promise<RunPage> {
    const limit = runListLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeRunCursor(query.cursor);
    const matches: RunRecord[] = [];
    for (const { record: r } of this.#runs.values()) {
      if (query.workflowId !== undefined && r.workflowId !== query.workflowId) continue;
      if (query.status !== undefined && !query.status.includes(r.status)) continue;
      if (query.createdAfter !== undefined && !(r.createdAt > query.createdAfter)) continue;
      if (query.createdBefore !== undefined && !(r.createdAt < query.createdBefore)) continue;
      if (query.parentRunId === null && r.parentRunId !== undefined) continue;
      if (typeof query.parentRunId === 'string' && r.parentRunId !== query.parentRunId) continue;
      if (after && (r.createdAt > after.createdAt || (r.createdAt === after.createdAt && r.id >= after.id)))
        continue;
      matches.push(r);
    }
    matches.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const runs = matches.slice(0, limit).map((r) => copyJson(r));
    const last = runs.at(-1);
    return matches.length > limit && last ? { runs, nextCursor: encodeRunCursor(last) } : { runs };
  }

  async getSteps(runId: string): Promise<StepRecord[]> {
    const stored = this.#runs.get(runId);
    return stored ? Array.from(stored.steps.values(), (step) => copyJson(step)) : [];
  }

  async commit(runId: string, batch: CommitBatch): Promise<void> {
    const stored = this.#runs.get(runId);
    if (!stored) throw new NotFoundError(`Run ${runId} does not exist.`);
    const { record } = stored;
    const expect = batch.run?.expectStatus;
    if (expect && !expect.includes(record.status)) {
      throw new ConflictError(`Run ${runId} is ${record.status}, expected ${expect.join(' or ')}.`, {
        runId,
        status: record.status,
        expected: expect,
      });
    }
    // Check and copy everything before changing anything, so a refused batch writes nothing.
    const events = batch.events ?? [];
    checkNewSeqs(stored.events, events, runId);
    const copies = events.map((event) => copyEvent(runId, event));
    const steps = batch.steps?.map((write) => prepareStep(runId, write));
    const patch = batch.run && copyPatch(batch.run);

    if (patch) applyPatch(record, patch);
    if (steps) for (const step of steps) applyStep(stored.steps, step);
    for (const event of copies) {
      insertEvent(stored.events, event);
      if (event.seq > record.lastSeq) record.lastSeq = event.seq;
    }
  }

  async listEvents(runId: string, afterSeq: number, limit: number): Promise<RunEvent[]> {
    return eventsAfter(this.#runs.get(runId)?.events ?? [], afterSeq, limit);
  }

  async acquireLease(runId: string, owner: string, leaseUntil: number, now: number): Promise<boolean> {
    const record = this.#runs.get(runId)?.record;
    if (!record) return false;
    const free = record.owner === undefined || record.owner === owner || (record.leaseUntil ?? 0) < now;
    if (!free) return false;
    record.owner = owner;
    record.leaseUntil = leaseUntil;
    return true;
  }

  async releaseLease(runId: string, owner: string): Promise<void> {
    const record = this.#runs.get(runId)?.record;
    if (record?.owner !== owner) return;
    delete record.owner;
    delete record.leaseUntil;
  }

  async findOrphanedRuns(now: number, limit: number): Promise<RunRecord[]> {
    const orphans: RunRecord[] = [];
    for (const { record: r } of this.#runs.values()) {
      if (ORPHAN_STATUSES.has(r.status) && (r.leaseUntil === undefined || r.leaseUntil < now))
        orphans.push(r);
    }
    orphans.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return orphans.slice(0, Math.max(0, limit)).map((r) => copyJson(r));
  }
}

/** A copy of the patch's values, taken before anything is changed. */
function copyPatch(patch: RunPatch): RunPatch {
  const copy: RunPatch = { ...patch };
  if (patch.output !== undefined) copy.output = copyJson(patch.output);
  if (patch.error) copy.error = copyJson(patch.error);
  if (patch.state !== undefined) copy.state = copyJson(patch.state);
  if (patch.usage !== undefined) copy.usage = copyJson(patch.usage);
  return copy;
}

function applyPatch(record: RunRecord, patch: RunPatch): void {
  if (patch.status !== undefined) record.status = patch.status;
  if (patch.output !== undefined) record.output = patch.output;
  if (patch.error === null) delete record.error;
  else if (patch.error !== undefined) record.error = patch.error;
  if (patch.state !== undefined) record.state = patch.state;
  if (patch.usage !== undefined) record.usage = patch.usage;
  if (patch.startedAt !== undefined) record.startedAt = patch.startedAt;
  if (patch.endedAt === null) delete record.endedAt;
  else if (patch.endedAt !== undefined) record.endedAt = patch.endedAt;
}
