import type { AttemptRecord, StepRecord, StepStatus } from '../records.ts';
import type { StepWrite } from '../ports/run-store.ts';
import type { Json } from '../json.ts';

/** The engine's working copy of a step while a run executes. */
export interface StepState {
  stepId: string;
  nodeId: string;
  iteration: number;
  index?: number;
  parentStepId?: string;
  status: StepStatus;
  attemptNo: number;
  attempt?: AttemptRecord;
  ports?: string[];
  wakeAt?: number;
  waitingFor?: Json;
  /** Output of the last succeeded attempt (kept for resumed runs). */
  output?: Json;
}

/** Working copy of a stored step. */
export function stepStateFromRecord(record: StepRecord): StepState {
  const last = record.attempts[record.attempts.length - 1];
  const succeeded = [...record.attempts].reverse().find((a) => a.status === 'succeeded' || a.status === 'failed');
  const state: StepState = {
    stepId: record.stepId,
    nodeId: record.nodeId,
    iteration: record.iteration,
    status: record.status,
    attemptNo: record.attempt,
  };
  if (record.index !== undefined) state.index = record.index;
  if (record.parentStepId !== undefined) state.parentStepId = record.parentStepId;
  if (last) state.attempt = last;
  if (record.ports) state.ports = record.ports;
  if (record.wakeAt !== undefined) state.wakeAt = record.wakeAt;
  if (record.waitingFor !== undefined) state.waitingFor = record.waitingFor;
  if (succeeded?.output !== undefined) state.output = succeeded.output;
  return state;
}

/** The store write for a step's current state (with its current attempt). */
export function stepWrite(step: StepState): StepWrite {
  const write: StepWrite = {
    stepId: step.stepId,
    nodeId: step.nodeId,
    iteration: step.iteration,
    status: step.status,
  };
  if (step.index !== undefined) write.index = step.index;
  if (step.parentStepId !== undefined) write.parentStepId = step.parentStepId;
  if (step.ports) write.ports = step.ports;
  write.wakeAt = step.wakeAt ?? null;
  write.waitingFor = step.waitingFor ?? null;
  if (step.attempt) write.attempt = step.attempt;
  return write;
}
