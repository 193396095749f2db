import type { RunEventMessage } from '@weft/api';
import { usd } from '../../ui/format.ts';
import { emptyList, ListWriter, type ChunkedList } from './chunkedList.ts';

/** A step's status as the event stream last told it. */
export type LiveStepStatus = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
export type LiveRunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';

export interface LiveStep {
  stepId: string;
  nodeId: string;
  status: LiveStepStatus;
  /** The attempt the last `step.started` announced. */
  attempt?: number;
  /** Seq of the event that last changed this step, to tell newer from older news. */
  seq: number;
}

/** A tool call an agent step made, as `llm.tool_call` / `llm.tool_result` announced it. */
export interface LiveToolCall {
  id: string;
  name: string;
  input: unknown;
  ok?: boolean;
  error?: string;
  startedAt: number;
  endedAt?: number;
}

/** One line of the timeline: an event, or a step's streamed tokens folded into one line. */
export type TimelineEntry =
  | { kind: 'event'; event: RunEventMessage }
  | { kind: 'tokens'; stepId: string; seq: number; at: number; lastAt: number; chars: number };

/** What the event stream of one run has told so far. */
export interface LiveState {
  /** Highest seq folded in; events at or below it are repeats and are ignored. */
  lastSeq: number;
  runStatus?: LiveRunStatus;
  /** When the run was created (its first event), for the timeline's offsets. */
  createdAt?: number;
  steps: Record<string, LiveStep>;
  /** Text streamed by each step's current attempt (`llm.token`). */
  streams: Record<string, string>;
  toolCalls: Record<string, LiveToolCall[]>;
  timeline: ChunkedList<TimelineEntry>;
  /** Index in `timeline` of the token line a step's current attempt is adding to. */
  tokenLine: Record<string, number>;
}

export const initialLiveState: LiveState = { lastSeq: 0, steps: {}, streams: {}, toolCalls: {}, timeline: emptyList(), tokenLine: {} };

const STEP_STATUS_BY_EVENT: Partial<Record<RunEventMessage['type'], LiveStepStatus>> = {
  'step.started': 'running',
  'step.retrying': 'running',
  'step.succeeded': 'succeeded',
  'step.failed': 'failed',
  'step.skipped': 'skipped',
  'step.waiting': 'waiting',
  'step.cancelled': 'cancelled',
  'step.reset': 'pending',
};

const RUN_STATUS_BY_EVENT: Partial<Record<RunEventMessage['type'], LiveRunStatus>> = {
  'run.created': 'queued',
  'run.started': 'running',
  'run.waiting': 'waiting',
  'run.resumed': 'running',
  'run.succeeded': 'succeeded',
  'run.failed': 'failed',
  'run.cancelled': 'cancelled',
};

/** `each[2]` → `each`, `loop#3` → `loop`: the node a step id belongs to, when the event does not say. */
export function nodeIdOfStep(stepId: string): string {
  return stepId.replace(/(\[\d+\]|#\d+)+$/, '');
}

function record(data: unknown): Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/**
 * Folds events (in seq order) into the state. Pure: the same events give the same state, and an event
 * seen before (a seq at or below `lastSeq`, as a replay after a reconnect may send) changes nothing.
 */
export function foldEvents(state: LiveState, events: readonly RunEventMessage[]): LiveState {
  const fresh = events.filter((e) => e.seq > state.lastSeq).sort((a, b) => a.seq - b.seq);
  if (fresh.length === 0) return state;
  const next: LiveState = { ...state };
  const fold: Fold = { state: next, timeline: new ListWriter(state.timeline), copied: new Set() };
  for (const event of fresh) if (event.seq > next.lastSeq) apply(fold, event);
  next.timeline = fold.timeline.done();
  return next;
}

type RecordKey = 'steps' | 'streams' | 'toolCalls' | 'tokenLine';

/** One fold's new state; its records are copied only when an event writes to them (a long run has many keys). */
interface Fold {
  state: LiveState;
  timeline: ListWriter<TimelineEntry>;
  copied: Set<RecordKey>;
}

function writable<K extends RecordKey>(fold: Fold, key: K): LiveState[K] {
  if (!fold.copied.has(key)) {
    fold.state[key] = { ...fold.state[key] };
    fold.copied.add(key);
  }
  return fold.state[key];
}

function apply(fold: Fold, event: RunEventMessage): void {
  const { state, timeline } = fold;
  state.lastSeq = Math.max(state.lastSeq, event.seq);
  state.createdAt ??= event.at;
  const data = record(event.data);
  const runStatus = RUN_STATUS_BY_EVENT[event.type];
  if (runStatus) state.runStatus = runStatus;
  if (runStatus === 'succeeded' || runStatus === 'failed' || runStatus === 'cancelled') {
    // The engine stores steps that were still going when the run ended as cancelled, without an event each.
    for (const [id, step] of Object.entries(state.steps)) {
      if (step.status === 'running' || step.status === 'waiting') writable(fold, 'steps')[id] = { ...step, status: 'cancelled', seq: event.seq };
    }
  }

  const stepId = event.stepId;
  if (stepId === undefined) {
    timeline.push({ kind: 'event', event });
    return;
  }

  if (event.type === 'llm.token') {
    const text = typeof data['text'] === 'string' ? data['text'] : '';
    writable(fold, 'streams')[stepId] = (state.streams[stepId] ?? '') + text;
    const line = state.tokenLine[stepId];
    const entry = line === undefined ? undefined : timeline.get(line);
    if (entry?.kind === 'tokens') {
      timeline.set(line as number, { ...entry, chars: entry.chars + text.length, lastAt: event.at });
    } else {
      writable(fold, 'tokenLine')[stepId] = timeline.length;
      timeline.push({ kind: 'tokens', stepId, seq: event.seq, at: event.at, lastAt: event.at, chars: text.length });
    }
    return;
  }

  timeline.push({ kind: 'event', event });
  const status = STEP_STATUS_BY_EVENT[event.type];
  if (event.type === 'step.started' || event.type === 'step.reset') {
    // A new attempt streams its own text and makes its own tool calls.
    if (stepId in state.streams) delete writable(fold, 'streams')[stepId];
    if (stepId in state.toolCalls) delete writable(fold, 'toolCalls')[stepId];
    if (stepId in state.tokenLine) delete writable(fold, 'tokenLine')[stepId];
  }
  if (status) {
    const previous = state.steps[stepId];
    const nodeId = typeof data['nodeId'] === 'string' ? data['nodeId'] : (previous?.nodeId ?? nodeIdOfStep(stepId));
    const step: LiveStep = { stepId, nodeId, status, seq: event.seq };
    const attempt = typeof data['attempt'] === 'number' ? data['attempt'] : previous?.attempt;
    if (attempt !== undefined) step.attempt = attempt;
    writable(fold, 'steps')[stepId] = step;
    return;
  }
  if (event.type === 'llm.tool_call') {
    const call: LiveToolCall = { id: String(data['id'] ?? event.seq), name: String(data['name'] ?? 'tool'), input: data['input'] ?? null, startedAt: event.at };
    writable(fold, 'toolCalls')[stepId] = [...(state.toolCalls[stepId] ?? []), call];
  } else if (event.type === 'llm.tool_result') {
    const calls = state.toolCalls[stepId] ?? [];
    writable(fold, 'toolCalls')[stepId] = calls.map((c) =>
      c.id === data['id']
        ? { ...c, ok: data['ok'] !== false, endedAt: event.at, ...(typeof data['error'] === 'string' ? { error: data['error'] } : {}) }
        : c,
    );
  }
}

/** Whether an event changes what `GET /api/runs/:id` answers (statuses, attempts, outputs, usage). */
export function changesRunDetail(event: RunEventMessage): boolean {
  return event.type.startsWith('run.') || event.type.startsWith('step.') || event.type === 'llm.tool_result';
}

/** A short, one-line description of an event's data for the timeline. */
export function summarizeEvent(event: RunEventMessage): string {
  const data = record(event.data);
  const error = record(data['error']);
  switch (event.type) {
    case 'run.created':
      return `workflow ${String(data['workflowId'] ?? '?')} v${String(data['version'] ?? '?')}`;
    case 'step.started':
      return [
        typeof data['type'] === 'string' ? data['type'] : undefined,
        typeof data['attempt'] === 'number' && data['attempt'] > 1 ? `attempt ${data['attempt']}` : undefined,
        typeof data['index'] === 'number' ? `item ${data['index']}` : undefined,
        typeof data['iteration'] === 'number' && data['iteration'] > 1 ? `iteration ${data['iteration']}` : undefined,
      ]
        .filter(Boolean)
        .join(' · ');
    case 'step.succeeded': {
      const parts: string[] = [];
      if (Array.isArray(data['ports'])) parts.push(`→ ${data['ports'].join(', ')}`);
      if (typeof data['durationMs'] === 'number') parts.push(`${data['durationMs']} ms`);
      const usage = record(data['usage']);
      if (typeof usage['totalTokens'] === 'number') parts.push(`${usage['totalTokens']} tokens`);
      return parts.join(' · ');
    }
    case 'step.retrying':
      return `attempt ${String(data['attempt'] ?? '?')} failed${typeof error['message'] === 'string' ? `: ${error['message']}` : ''}; again in ${String(data['delayMs'] ?? '?')} ms`;
    case 'step.waiting':
      return typeof record(data['reason'])['message'] === 'string' ? String(record(data['reason'])['message']) : 'waiting';
    case 'step.reset':
      return typeof data['retriedStep'] === 'string' ? `reset to retry ${data['retriedStep']}` : 'reset';
    case 'llm.tool_call':
      return `${String(data['name'] ?? 'tool')}(${truncate(JSON.stringify(data['input'] ?? null), 80)})`;
    case 'llm.tool_result':
      return `${String(data['name'] ?? 'tool')} ${data['ok'] === false ? `failed: ${String(data['error'] ?? '')}` : 'ok'}`;
    case 'artifact.created':
      return `${String(data['name'] ?? 'file')} (${String(data['contentType'] ?? '')}, ${String(data['size'] ?? '?')} bytes)`;
    case 'run.succeeded':
    case 'run.failed':
    case 'run.cancelled': {
      const usage = record(data['usage']);
      const parts: string[] = [];
      if (typeof error['message'] === 'string') parts.push(`${String(error['code'] ?? 'ERROR')}: ${error['message']}`);
      if (typeof usage['totalTokens'] === 'number') parts.push(`${usage['totalTokens']} tokens`);
      if (typeof usage['costUsd'] === 'number') parts.push(usd(usage['costUsd']));
      return parts.join(' · ');
    }
    case 'log':
      return typeof data['message'] === 'string' ? data['message'] : truncate(JSON.stringify(event.data), 120);
    default:
      if (typeof error['message'] === 'string') return `${String(error['code'] ?? 'ERROR')}: ${error['message']}`;
      return Object.keys(data).length === 0 ? '' : truncate(JSON.stringify(event.data), 120);
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
