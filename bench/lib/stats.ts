// Timing helpers: warm up, size each repetition by time, report the median of several.

/** One measured quantity: the median over repetitions and their spread. */
export interface Sample {
  median: number;
  min: number;
  max: number;
  reps: number;
}

export interface MeasureOptions {
  /** Units of work (steps, events, calls) one call of `run` performs. Default 1. */
  unitsPerCall?: number;
  /** Repetitions whose median is reported. Default 7. */
  reps?: number;
  /** Least wall time of one repetition, ms. Default 80. */
  repMs?: number;
  /** Wall time spent warming up (and calibrating) first, ms. Default 200. */
  warmupMs?: number;
  /** Least calls per repetition (for slow cases). Default 1. */
  minCalls?: number;
}

const CALIBRATE_US = 20_000;

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Monotonic time in microseconds. */
export function nowUs(): number {
  return Number(process.hrtime.bigint()) / 1000;
}

/**
 * Collects garbage left by earlier cases (a MemoryRunStore holding thousands of runs) so it is not
 * charged to the next one. Needs `node --expose-gc` (the `bench` script passes it); a no-op without.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Measures an async operation; returns microseconds per unit. */
export async function measure(run: () => Promise<unknown>, options: MeasureOptions = {}): Promise<Sample> {
  const o = withDefaults(options);
  collectGarbage();
  const warmStart = nowUs();
  for (let calls = 0; nowUs() - warmStart < o.warmupMs * 1000 || calls < 2; calls++) await run();
  // Calibrated after the warm-up, so a slow first call (a worker starting) does not shrink the reps.
  let calls = 0;
  const calStart = nowUs();
  while (nowUs() - calStart < CALIBRATE_US || calls < 1) {
    await run();
    calls++;
  }
  const perCall = (nowUs() - calStart) / calls;
  const callsPerRep = Math.max(o.minCalls, Math.ceil((o.repMs * 1000) / perCall));
  const samples: number[] = [];
  for (let r = 0; r < o.reps; r++) {
    const start = nowUs();
    for (let i = 0; i < callsPerRep; i++) await run();
    samples.push((nowUs() - start) / (callsPerRep * o.unitsPerCall));
  }
  return summarize(samples);
}

/** Measures a synchronous operation (no await per call, so tiny costs are not drowned). */
export function measureSync(run: () => unknown, options: MeasureOptions = {}): Sample {
  const o = withDefaults(options);
  collectGarbage();
  const warmStart = nowUs();
  for (let calls = 0; nowUs() - warmStart < o.warmupMs * 1000 || calls < 2; calls++) run();
  let calls = 0;
  const calStart = nowUs();
  while (nowUs() - calStart < CALIBRATE_US || calls < 1) {
    run();
    calls++;
  }
  const perCall = (nowUs() - calStart) / calls;
  const callsPerRep = Math.max(o.minCalls, Math.ceil((o.repMs * 1000) / perCall));
  const samples: number[] = [];
  for (let r = 0; r < o.reps; r++) {
    const start = nowUs();
    for (let i = 0; i < callsPerRep; i++) run();
    samples.push((nowUs() - start) / (callsPerRep * o.unitsPerCall));
  }
  return summarize(samples);
}

function summarize(samples: number[]): Sample {
  return {
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    reps: samples.length,
  };
}

function withDefaults(options: MeasureOptions): Required<MeasureOptions> {
  return {
    unitsPerCall: options.unitsPerCall ?? 1,
    reps: options.reps ?? 7,
    repMs: options.repMs ?? 80,
    warmupMs: options.warmupMs ?? 200,
    minCalls: options.minCalls ?? 1,
  };
}
