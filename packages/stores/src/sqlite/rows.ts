import type {
  AttemptRecord,
  WorkflowDefinition,
  WorkflowVersion,
  ErrorJson,
  Json,
  JsonObject,
  RunEvent,
  RunEventType,
  RunOptions,
  RunRecord,
  RunStatus,
  StepRecord,
  StepStatus,
  Usage,
} from '@weft/engine';

// Row shapes of the SELECTs below, and their mapping to engine records. A NULL column becomes an
// absent field, never `undefined` or `null`, so records compare equal across adapters.

/** Key of event `seq` of run `rid` in `events` (seq is 0…2^32-1; rid below 2^31, so keys stay positive). */
export const SEQ_BITS = 32;
export const MAX_SEQ = 0xffff_ffff;

/**
 * The run's last seq: the seq of its newest event (one backwards step in the events key), 0 without
 * events. Correlated with the enclosing `FROM runs`.
 */
const LAST_SEQ = `coalesce((SELECT e.id & ${MAX_SEQ} FROM events e WHERE e.id BETWEEN runs.rid << ${SEQ_BITS} AND (runs.rid << ${SEQ_BITS}) | ${MAX_SEQ} ORDER BY e.id DESC LIMIT 1), 0)`;

/** Columns of a run (`FROM runs`, unaliased), in the order `RunRow` names them. */
export const RUN_COLUMNS = `id, workflow_id, workflow_version, status, created_at, started_at, ended_at, ${LAST_SEQ} AS last_seq, lease_owner, lease_until, parent_run_id, parent_step_id, usage, options, error, output, state, input`;

export interface RunRow {
  id: string;
  workflow_id: string;
  workflow_version: number;
  status: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  last_seq: number;
  lease_owner: string | null;
  lease_until: number | null;
  parent_run_id: string | null;
  parent_step_id: string | null;
  usage: string;
  options: string;
  error: string | null;
  output: string | null;
  state: string;
  input: string;
}

export function runFromRow(row: RunRow): RunRecord {
  const run: RunRecord = {
    id: row.id,
    workflowId: row.workflow_id,
    workflowVersion: row.workflow_version,
    status: row.status as RunStatus,
    input: JSON.parse(row.input) as Json,
    state: JSON.parse(row.state) as JsonObject,
    options: JSON.parse(row.options) as RunOptions,
    usage: JSON.parse(row.usage) as Usage,
    createdAt: row.created_at,
    lastSeq: row.last_seq,
  };
  if (row.output !== null) run.output = JSON.parse(row.output) as Json;
  if (row.error !== null) run.error = JSON.parse(row.error) as ErrorJson;
  if (row.parent_run_id !== null) run.parentRunId = row.parent_run_id;
  if (row.parent_step_id !== null) run.parentStepId = row.parent_step_id;
  if (row.started_at !== null) run.startedAt = row.started_at;
  if (row.ended_at !== null) run.endedAt = row.ended_at;
  if (row.lease_owner !== null) run.owner = row.lease_owner;
  if (row.lease_until !== null) run.leaseUntil = row.lease_until;
  return run;
}

/** An attempt's fields, in a step row (its current attempt) or in `step_attempts` (a superseded one). */
interface AttemptFields {
  started_at: number | null;
  ended_at: number | null;
  model: string | null;
  usage: string | null;
  error: string | null;
  tool_calls: string | null;
  input: string | null;
  output: string | null;
}

/** A step row: the step's fields, then its current attempt (number `attempt`) when `attempt_status` is set. */
export const STEP_COLUMNS =
  'ord, step_id, node_id, iteration, item_index, parent_step_id, status, attempt, wake_at, ports, waiting_for, attempt_status, started_at, ended_at, model, usage, error, tool_calls, input, output';

export interface StepRow extends AttemptFields {
  ord: number;
  step_id: string;
  node_id: string;
  iteration: number;
  item_index: number | null;
  parent_step_id: string | null;
  status: string;
  attempt: number;
  wake_at: number | null;
  ports: string | null;
  waiting_for: string | null;
  attempt_status: string | null;
}

/** The step without its attempts (`attempts` is empty): the caller adds superseded ones, then `currentAttempt`. */
export function stepFromRow(runId: string, row: StepRow): StepRecord {
  const step: StepRecord = {
    runId,
    stepId: row.step_id,
    nodeId: row.node_id,
    iteration: row.iteration,
    status: row.status as StepStatus,
    attempt: row.attempt,
    attempts: [],
  };
  if (row.item_index !== null) step.index = row.item_index;
  if (row.parent_step_id !== null) step.parentStepId = row.parent_step_id;
  if (row.ports !== null) step.ports = JSON.parse(row.ports) as string[];
  if (row.wake_at !== null) step.wakeAt = row.wake_at;
  if (row.waiting_for !== null) step.waitingFor = JSON.parse(row.waiting_for) as Json;
  return step;
}

/** The attempt a step row holds, if any. */
export function currentAttempt(row: StepRow): AttemptRecord | undefined {
  return row.attempt_status === null ? undefined : attemptFrom(row.attempt, row.attempt_status, row);
}

/** Columns of a superseded attempt in `step_attempts`. */
export const ATTEMPT_COLUMNS =
  'step_ord, attempt, status, started_at, ended_at, model, usage, error, tool_calls, input, output';

export interface AttemptRow extends AttemptFields {
  step_ord: number;
  attempt: number;
  status: string;
}

export function attemptFromRow(row: AttemptRow): AttemptRecord {
  return attemptFrom(row.attempt, row.status, row);
}

function attemptFrom(number: number, status: string, row: AttemptFields): AttemptRecord {
  const attempt: AttemptRecord = { attempt: number, status: status as StepStatus };
  if (row.input !== null) attempt.input = JSON.parse(row.input) as Json;
  if (row.output !== null) attempt.output = JSON.parse(row.output) as Json;
  if (row.error !== null) attempt.error = JSON.parse(row.error) as ErrorJson;
  if (row.model !== null) attempt.model = row.model;
  if (row.usage !== null) attempt.usage = JSON.parse(row.usage) as Usage;
  if (row.tool_calls !== null) attempt.toolCalls = JSON.parse(row.tool_calls) as AttemptRecord['toolCalls'];
  if (row.started_at !== null) attempt.startedAt = row.started_at;
  if (row.ended_at !== null) attempt.endedAt = row.ended_at;
  return attempt;
}

export const EVENT_COLUMNS = `id & ${MAX_SEQ} AS seq, type, at, step_id, data`;

export interface EventRow {
  seq: number;
  type: string;
  at: number;
  step_id: string | null;
  data: string;
}

export function eventFromRow(runId: string, row: EventRow): RunEvent {
  const event: RunEvent = {
    runId,
    seq: row.seq,
    type: row.type as RunEventType,
    at: row.at,
    data: JSON.parse(row.data) as Json,
  };
  if (row.step_id !== null) event.stepId = row.step_id;
  return event;
}

/** Compact JSON text for a column, or NULL when the value is absent (JSON null stays the text 'null'). */
export function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : (JSON.stringify(value) ?? null);
}

export interface VersionRow {
  workflow_id: string;
  version: number;
  hash: string;
  created_at: number;
  definition: string;
}

export function versionFromRow(row: VersionRow): WorkflowVersion {
  return {
    workflowId: row.workflow_id,
    version: row.version,
    hash: row.hash,
    definition: JSON.parse(row.definition) as WorkflowDefinition,
    createdAt: row.created_at,
  };
}
