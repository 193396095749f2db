import type { Sample } from './stats.ts';

/** A goal or reference figure printed next to a number. */
export interface Goal {
  /** `max`: the number should be at most `value`; `min`: at least `value`; `ref`: a figure to compare with. */
  kind: 'max' | 'min' | 'ref';
  value: number;
  label: string;
}

/** One row of the results table (and of results.json). */
export interface BenchResult {
  section: string;
  name: string;
  unit: string;
  median: number;
  min?: number;
  max?: number;
  goal?: Goal;
  note?: string;
}

/** A row from a measured sample. */
export function fromSample(
  section: string,
  name: string,
  unit: string,
  sample: Sample,
  extra: { goal?: Goal; note?: string } = {},
): BenchResult {
  return { section, name, unit, median: sample.median, min: sample.min, max: sample.max, ...extra };
}

export const GOAL_MEMORY: Goal = { kind: 'max', value: 10, label: 'goal ≤ 10 µs/step' };
export const GOAL_DURABLE: Goal = { kind: 'max', value: 50, label: 'goal ≤ 50 µs/step' };
export const REF_FLOOR_COMMIT: Goal = { kind: 'ref', value: 14, label: 'ref ~14 µs' };
export const REF_LANGGRAPH_SQLITE: Goal = { kind: 'ref', value: 900, label: 'ref ~900 µs' };

export const GOAL_RUNS_PER_S: Goal = { kind: 'min', value: 1000, label: 'goal ≥ 1,000 runs/s' };
export const GOAL_WEBHOOK_P99: Goal = { kind: 'max', value: 50, label: 'goal p99 < 50 ms' };
export const GOAL_SERVER_RSS: Goal = { kind: 'max', value: 150, label: 'goal ≤ 150 MiB' };
export const REF_N8N_RUNS: Goal = { kind: 'ref', value: 30, label: 'n8n ~30 runs/s' };
