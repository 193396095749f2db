import type { StepWrite } from '../ports/run-store.ts';
import type { AttemptRecord, StepRecord } from '../records.ts';
import { copyJson } from './copy-json.ts';

// Steps of a run for the in-memory store: a Map whose insertion order is creation order (setting an
// existing key keeps its place). A write is copied first and applied after, so a value that cannot be
// copied refuses the whole batch before anything changed.

/** A step write copied for the store: the step's own fields and the attempt, if any. */
export interface PreparedStep {
  row: Omit<StepRecord, 'attempt' | 'attempts'>;
  attempt?: AttemptRecord;
}

/** Copies a write. Its fields replace the step's (absent or null clears them). */
export function prepareStep(runId: string, write: StepWrite): PreparedStep {
  const row: PreparedStep['row'] = {
    runId,
    stepId: write.stepId,
    nodeId: write.nodeId,
    iteration: write.iteration,
    status: write.status,
  };
  if (write.index !== undefined) row.index = write.index;
  if (write.parentStepId !== undefined) row.parentStepId = write.parentStepId;
  if (write.ports !== undefined) row.ports = write.ports.slice();
  if (write.wakeAt != null) row.wakeAt = write.wakeAt;
  if (write.waitingFor != null) row.waitingFor = copyJson(write.waitingFor);
  return write.attempt ? { row, attempt: copyJson(write.attempt) } : { row };
}

/** Upserts the step and its attempt; earlier attempts stay, the same attempt number is overwritten. */
export function applyStep(steps: Map<string, StepRecord>, prepared: PreparedStep): void {
  const existing = steps.get(prepared.row.stepId);
  const attempts = existing?.attempts ?? [];
  let latest = existing?.attempt ?? 0;
  if (prepared.attempt) {
    upsertAttempt(attempts, prepared.attempt);
    latest = Math.max(latest, prepared.attempt.attempt);
  }
  steps.set(prepared.row.stepId, { ...prepared.row, attempt: latest, attempts });
}

function upsertAttempt(attempts: AttemptRecord[], attempt: AttemptRecord): void {
  const last = attempts.at(-1);
  if (!last || last.attempt < attempt.attempt) {
    attempts.push(attempt);
    return;
  }
  // An earlier attempt written again: overwrite it, or slot it in by number.
  let i = attempts.length;
  while (i > 0 && (attempts[i - 1] as AttemptRecord).attempt > attempt.attempt) i--;
  if (i > 0 && (attempts[i - 1] as AttemptRecord).attempt === attempt.attempt) attempts[i - 1] = attempt;
  else attempts.splice(i, 0, attempt);
}
