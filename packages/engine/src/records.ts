import type { ErrorJson } from './errors.ts';
import type { Json, JsonObject } from './json.ts';

/** Run statuses, as in DESIGN.md. */
export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';
/** Step statuses, as in DESIGN.md. */
export type StepStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];
export const TERMINAL_STEP_STATUSES: readonly StepStatus[] = ['succeeded', 'failed', 'skipped', 'cancelled'];

/** Token counts and cost of model calls. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Cost in US dollars, when the model is in the price table. */
  costUsd?: number;
}

/** One tool call an agent made, with what came back. */
export interface ToolCallTrace {
  id: string;
  name: string;
  input: Json;
  output?: Json;
  error?: string;
  startedAt: number;
  endedAt?: number;
}

/** Per-run options chosen when the run starts. */
export interface RunOptions {
  /** `provider:model` that overrides every node's model setting. */
  model?: string;
  /** Most steps running at once in this run. */
  concurrency?: number;
  /** Time limit for the whole run. */
  timeoutMs?: number;
  /** Params merged over a node's own, by node id (a re-run with edited input). */
  overrides?: Record<string, JsonObject>;
  /** The run and step this run was re-run from. */
  rerunOf?: { runId: string; stepId: string };
}

/** A run: one execution of a workflow version with an input. Times are epoch milliseconds. */
export interface RunRecord {
  id: string;
  workflowId: string;
  workflowVersion: number;
  status: RunStatus;
  input: Json;
  output?: Json;
  error?: ErrorJson;
  state: JsonObject;
  options: RunOptions;
  parentRunId?: string;
  parentStepId?: string;
  usage: Usage;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  /** Highest event sequence number written for this run. */
  lastSeq: number;
  /** Process that holds the run, and until when (a lease renewed while it works). */
  owner?: string;
  leaseUntil?: number;
}

/** One try at a step. Earlier attempts are kept when a step is retried. */
export interface AttemptRecord {
  attempt: number;
  status: StepStatus;
  /** What the node received: its resolved params. */
  input?: Json;
  output?: Json;
  error?: ErrorJson;
  model?: string;
  usage?: Usage;
  toolCalls?: ToolCallTrace[];
  startedAt?: number;
  endedAt?: number;
}

/**
 * One execution of a node: `stepId` is the node id, with `#n` for the n-th loop iteration
 * (n ≥ 2) and `[i]` for a map item.
 */
export interface StepRecord {
  runId: string;
  stepId: string;
  nodeId: string;
  /** 1 for the first execution of the node in this run, 2 for the next loop iteration… */
  iteration: number;
  /** Item index, for a step that is one item of a map. */
  index?: number;
  /** The step that spawned this one (a map's item steps). */
  parentStepId?: string;
  status: StepStatus;
  /** Number of the latest attempt (0 before the first). */
  attempt: number;
  /** Output ports taken by the latest successful attempt. */
  ports?: string[];
  /** When a waiting step should wake by itself. */
  wakeAt?: number;
  /** Waiting reason/form shown to a person. */
  waitingFor?: Json;
  /** Every attempt, oldest first. The latest attempt's fields mirror the step's current state. */
  attempts: AttemptRecord[];
}

/** The latest attempt of a step, if any. */
export function latestAttempt(step: StepRecord): AttemptRecord | undefined {
  return step.attempts[step.attempts.length - 1];
}
