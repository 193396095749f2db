import type { RunEvent, RunStatus } from '@weft/engine';
import type { RunQueue } from '../queue/run-queue.ts';

/** The run status each `run.*` event moves a run into. */
export const STATUS_OF_RUN_EVENT: Readonly<Partial<Record<RunEvent['type'], RunStatus>>> = {
  'run.created': 'queued',
  'run.started': 'running',
  'run.resumed': 'running',
  'run.waiting': 'waiting',
  'run.succeeded': 'succeeded',
  'run.failed': 'failed',
  'run.cancelled': 'cancelled',
};

const STEP_END: Readonly<Partial<Record<RunEvent['type'], string>>> = {
  'step.succeeded': 'succeeded',
  'step.failed': 'failed',
  'step.cancelled': 'cancelled',
  'step.waiting': 'waiting',
};

/** Bucket bounds of the step duration histogram, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/**
 * Counters fed by the engine's persisted events (so they count what happened in this process) and
 * gauges read from the queue, written in the Prometheus text format.
 */
export class RunMetrics {
  readonly #runs = new Map<RunStatus, number>();
  readonly #steps = new Map<string, Histogram>();
  /** Start time of running steps, by run and step. */
  readonly #started = new Map<string, Map<string, number>>();
  readonly #queue: RunQueue;

  constructor(queue: RunQueue) {
    this.#queue = queue;
  }

  /** Feeds one persisted event. */
  observe(event: RunEvent): void {
    const status = STATUS_OF_RUN_EVENT[event.type];
    if (status) {
      this.#runs.set(status, (this.#runs.get(status) ?? 0) + 1);
      if (status === 'succeeded' || status === 'failed' || status === 'cancelled') this.#started.delete(event.runId);
      return;
    }
    if (!event.stepId) return;
    if (event.type === 'step.started') {
      let steps = this.#started.get(event.runId);
      if (!steps) this.#started.set(event.runId, (steps = new Map()));
      steps.set(event.stepId, event.at);
      return;
    }
    const outcome = STEP_END[event.type];
    const steps = outcome && this.#started.get(event.runId);
    const startedAt = steps ? steps.get(event.stepId) : undefined;
    if (!outcome || !steps || startedAt === undefined) return;
    steps.delete(event.stepId);
    this.#record(outcome, Math.max(0, event.at - startedAt) / 1000);
  }

  #record(outcome: string, seconds: number): void {
    let histogram = this.#steps.get(outcome);
    if (!histogram) this.#steps.set(outcome, (histogram = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= (BUCKETS[i] as number)) histogram.counts[i]! += 1;
    histogram.sum += seconds;
    histogram.count += 1;
  }

  /** Everything, in the Prometheus text exposition format (version 0.0.4). */
  render(): string {
    const lines: string[] = [
      '# HELP weft_runs_total Runs that entered each status, counted by this server since it started.',
      '# TYPE weft_runs_total counter',
    ];
    for (const status of ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const) {
      lines.push(`weft_runs_total{status="${status}"} ${this.#runs.get(status) ?? 0}`);
    }
    lines.push(
      '# HELP weft_step_duration_seconds Time from a step attempt starting to it ending, by outcome.',
      '# TYPE weft_step_duration_seconds histogram',
    );
    for (const [outcome, h] of this.#steps) {
      BUCKETS.forEach((bound, i) => {
        lines.push(`weft_step_duration_seconds_bucket{status="${outcome}",le="${bound}"} ${h.counts[i]}`);
      });
      lines.push(`weft_step_duration_seconds_bucket{status="${outcome}",le="+Inf"} ${h.count}`);
      lines.push(`weft_step_duration_seconds_sum{status="${outcome}"} ${h.sum}`);
      lines.push(`weft_step_duration_seconds_count{status="${outcome}"} ${h.count}`);
    }
    lines.push(
      '# HELP weft_queue_depth Runs waiting for a worker.',
      '# TYPE weft_queue_depth gauge',
      `weft_queue_depth ${this.#queue.depth}`,
      '# HELP weft_runs_active Runs executing in this process.',
      '# TYPE weft_runs_active gauge',
      `weft_runs_active ${this.#queue.active}`,
    );
    return `${lines.join('\n')}\n`;
  }
}
