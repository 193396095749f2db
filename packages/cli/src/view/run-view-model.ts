import type { Json, JsonObject, RunEvent, Usage } from '@weft/engine';

/** One step as the terminal shows it. */
export interface StepRow {
  stepId: string;
  nodeId: string;
  type?: string;
  status: string;
  attempt: number;
  startedAt?: number;
  endedAt?: number;
  usage?: Usage;
  /** Latest streamed text or tool call, for the live line. */
  activity?: string;
  error?: string;
}

/** Folds run events into what the terminal view shows. Pure: no I/O, no time. */
export class RunViewModel {
  readonly rows = new Map<string, StepRow>();
  runStatus = 'queued';
  runError: string | undefined;

  apply(event: RunEvent): void {
    const data = (event.data ?? {}) as JsonObject;
    if (event.type.startsWith('run.')) {
      this.#applyRun(event.type, data);
      return;
    }
    if (!event.stepId) return;
    const row = this.#row(event.stepId, data);
    switch (event.type) {
      case 'step.started':
        row.status = 'running';
        row.attempt = Number(data['attempt'] ?? 1);
        row.startedAt = event.at;
        delete row.endedAt;
        delete row.error;
        if (typeof data['type'] === 'string') row.type = data['type'];
        break;
      case 'step.succeeded':
        row.status = 'succeeded';
        row.endedAt = event.at;
        if (data['usage']) row.usage = data['usage'] as unknown as Usage;
        break;
      case 'step.failed':
        row.status = 'failed';
        row.endedAt = event.at;
        row.error = messageOf(data['error']);
        break;
      case 'step.retrying':
        row.status = 'retrying';
        row.error = messageOf(data['error']);
        break;
      case 'step.skipped':
      case 'step.cancelled':
      case 'step.waiting':
        row.status = event.type.slice('step.'.length);
        row.endedAt = event.at;
        break;
      case 'step.reset':
        row.status = 'pending';
        break;
      case 'llm.token':
        row.activity = ((row.activity ?? '') + String(data['text'] ?? '')).slice(-400);
        break;
      case 'llm.tool_call':
        row.activity = `→ ${String(data['name'])}(${JSON.stringify(data['input'] ?? {})})`;
        break;
      default:
        break;
    }
  }

  #applyRun(type: string, data: JsonObject): void {
    const status = type.slice('run.'.length);
    if (status === 'created') this.runStatus = 'queued';
    else if (status === 'started' || status === 'resumed') this.runStatus = 'running';
    else this.runStatus = status;
    if (data['error']) this.runError = messageOf(data['error']);
  }

  #row(stepId: string, data: JsonObject): StepRow {
    let row = this.rows.get(stepId);
    if (!row) {
      row = { stepId, nodeId: String(data['nodeId'] ?? stepId), status: 'pending', attempt: 0 };
      this.rows.set(stepId, row);
    }
    return row;
  }
}

function messageOf(error: Json | undefined): string {
  if (typeof error === 'object' && error !== null && !Array.isArray(error)) return String(error['message'] ?? '');
  return String(error ?? '');
}
