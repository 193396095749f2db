import type { ErrorJson } from './errors.ts';
import type { Json } from './json.ts';
import type { RunStatus, StepStatus, Usage } from './records.ts';

/** Every event type a run emits. */
export type RunEventType =
  | 'run.created'
  | 'run.started'
  | 'run.waiting'
  | 'run.resumed'
  | 'run.succeeded'
  | 'run.failed'
  | 'run.cancelled'
  | 'step.started'
  | 'step.succeeded'
  | 'step.failed'
  | 'step.retrying'
  | 'step.skipped'
  | 'step.waiting'
  | 'step.cancelled'
  | 'step.reset'
  | 'llm.token'
  | 'llm.tool_call'
  | 'llm.tool_result'
  | 'artifact.created'
  | 'log';

/** A persisted event with a per-run sequence number (1, 2, 3… without gaps). */
export interface RunEvent {
  runId: string;
  seq: number;
  type: RunEventType;
  /** Epoch milliseconds. */
  at: number;
  stepId?: string;
  data: Json;
}

/** What the engine needs to know to build an event before it is numbered. */
export type EventDraft = Omit<RunEvent, 'runId' | 'seq' | 'at'>;

export type { ErrorJson, RunStatus, StepStatus, Usage };
