// Measures the SQLite run store: µs per commit of the engine's typical batch and bytes stored per step.
// Not a test (timings vary by machine; medians over several repetitions, wall and CPU time).
//
//   npx node packages/stores/scripts/measure-sqlite-commit.ts [commits per repetition=3000] [repetitions=7]
//
// WEFT_MEASURE_MEMORY=1 measures on :memory: instead of a file.
//
// Cases (each repetition is a fresh run of `commits` steps in the same database file):
// - chain: what the engine commits per step of a chain: step N succeeded (step row + its attempt with
//   output), step N+1 started (step row + attempt with input), step.succeeded + step.started events, and
//   the run patch `{ expectStatus: ['running'] }` (CAS only).
// - single: one finished step (step + attempt), two events, the same CAS.
// - floor: one small row per committed transaction with the same pragmas: the machine's floor right now.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CommitBatch, RunEvent, RunStore, StepWrite } from '@weft/engine';
import { openSqliteRunStore } from '../src/index.ts';

const COMMITS = Number(process.argv[2] ?? 3000);
const REPS = Number(process.argv[3] ?? 7);
const inMemory = Boolean(process.env.WEFT_MEASURE_MEMORY);
const dir = mkdtempSync(join(tmpdir(), 'weft-measure-'));
const path = join(dir, 'weft.db');
const T = 1_700_000_000_000;

interface Sample {
  wallUs: number;
  cpuUs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function time(n: number, work: () => void | Promise<void>): Promise<Sample> | Sample {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const finish = (): Sample => {
    const used = process.cpuUsage(cpu);
    return {
      wallUs: Number(process.hrtime.bigint() - start) / 1000 / n,
      cpuUs: (used.user + used.system) / n,
    };
  };
  const result = work();
  return result instanceof Promise ? result.then(finish) : finish();
}

function fileBytes(): number {
  if (inMemory) return 0;
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const pages = Number(db.prepare('PRAGMA page_count').get()?.page_count);
    const free = Number(db.prepare('PRAGMA freelist_count').get()?.freelist_count);
    const size = Number(db.prepare('PRAGMA page_size').get()?.page_size);
    return (pages - free) * size;
  } finally {
    db.close();
  }
}

function stepId(i: number): string {
  return `fetch[${i}]`;
}

function started(i: number): StepWrite {
  return {
    stepId: stepId(i),
    nodeId: 'fetch',
    iteration: 1,
    index: i,
    parentStepId: 'fetch',
    status: 'running',
    wakeAt: null,
    waitingFor: null,
    attempt: {
      attempt: 1,
      status: 'running',
      input: { url: `https://api.example.com/items/${i}`, method: 'GET' },
      startedAt: T + i,
    },
  };
}

function succeeded(i: number): StepWrite {
  const write = started(i);
  return {
    ...write,
    status: 'succeeded',
    ports: ['main'],
    attempt: {
      ...(write.attempt as NonNullable<StepWrite['attempt']>),
      status: 'succeeded',
      output: { status: 200, body: { id: i, name: `item ${i}`, ok: true } },
      endedAt: T + i + 12,
    },
  };
}

function startedEvent(runId: string, seq: number, i: number): RunEvent {
  return {
    runId,
    seq,
    type: 'step.started',
    at: T + i,
    stepId: stepId(i),
    data: { nodeId: 'fetch', type: 'http', attempt: 1, iteration: 1 },
  };
}

function succeededEvent(runId: string, seq: number, i: number): RunEvent {
  return {
    runId,
    seq,
    type: 'step.succeeded',
    at: T + i + 12,
    stepId: stepId(i),
    data: { nodeId: 'fetch', ports: ['main'], durationMs: 12 },
  };
}

/** Commit `i ≥ 1` of a chain: step i-1 succeeded, step i started. */
function chainBatch(runId: string, i: number): CommitBatch {
  return {
    run: { expectStatus: ['running'] },
    steps: [succeeded(i - 1), started(i)],
    events: [succeededEvent(runId, 2 * i + 1, i - 1), startedEvent(runId, 2 * i + 2, i)],
  };
}

/** Commit `i` of the single case: one finished step and its two events. */
function singleBatch(runId: string, i: number): CommitBatch {
  return {
    run: { expectStatus: ['running'] },
    steps: [succeeded(i)],
    events: [startedEvent(runId, 2 * i + 2, i), succeededEvent(runId, 2 * i + 3, i)],
  };
}

let runs = 0;
async function newRun(store: RunStore): Promise<string> {
  const runId = `${String(++runs).padStart(8, '0')}-4b1e-4c5e-9a7d-0123456789ab`;
  await store.createRun({
    id: runId,
    workflowId: 'measure',
    workflowVersion: 1,
    input: { n: COMMITS },
    state: {},
    options: {},
    createdAt: T + runs,
    events: [{ runId, seq: 1, type: 'run.created', at: T, data: {} }],
  });
  await store.commit(runId, { run: { expectStatus: ['queued'], status: 'running', startedAt: T } });
  return runId;
}

async function chain(store: RunStore): Promise<Sample> {
  const runId = await newRun(store);
  // run.created is seq 1, step 0's start seq 2; commit i writes seqs 2i + 1 and 2i + 2.
  await store.commit(runId, {
    run: { expectStatus: ['running'] },
    steps: [started(0)],
    events: [startedEvent(runId, 2, 0)],
  });
  return time(COMMITS, async () => {
    for (let i = 1; i <= COMMITS; i++) await store.commit(runId, chainBatch(runId, i));
  });
}

async function single(store: RunStore): Promise<Sample> {
  const runId = await newRun(store);
  return time(COMMITS, async () => {
    for (let i = 0; i < COMMITS; i++) await store.commit(runId, singleBatch(runId, i));
  });
}

function floor(): Sample {
  const db = new DatabaseSync(inMemory ? ':memory:' : join(dir, 'floor.db'));
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE IF NOT EXISTS t (k INTEGER PRIMARY KEY, v TEXT)',
  );
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const sample = time(COMMITS, () => {
    for (let i = 0; i < COMMITS; i++) {
      begin.run();
      insert.run('a small row of about sixty bytes, like a short event payload');
      commit.run();
    }
  }) as Sample;
  db.close();
  return sample;
}

function report(name: string, samples: Sample[]): void {
  const wall = samples.map((s) => s.wallUs);
  const cpu = samples.map((s) => s.cpuUs);
  console.log(
    `${name.padEnd(7)} ${median(wall).toFixed(1).padStart(6)} µs wall (${Math.min(...wall).toFixed(1)}–${Math.max(...wall).toFixed(1)}), ` +
      `${median(cpu).toFixed(1).padStart(6)} µs CPU (${Math.min(...cpu).toFixed(1)}–${Math.max(...cpu).toFixed(1)}) per commit`,
  );
}

async function main(): Promise<void> {
  const store = await openSqliteRunStore({ path: inMemory ? ':memory:' : path });
  await store.saveWorkflowVersion('measure', {
    name: 'Measure',
    nodes: [{ id: 'fetch', type: 'http', params: {} }],
    edges: [],
  });
  const samples = { chain: [] as Sample[], single: [] as Sample[], floor: [] as Sample[] };
  // Warm-up repetition of each (statement caches, page cache, file growth), not counted.
  await chain(store);
  await single(store);
  floor();
  let bytesPerStep = 0;
  for (let rep = 0; rep < REPS; rep++) {
    const before = inMemory ? 0 : fileBytes();
    samples.chain.push(await chain(store));
    if (!inMemory) bytesPerStep = (fileBytes() - before) / (COMMITS + 1);
    samples.single.push(await single(store));
    samples.floor.push(floor());
  }
  await store.close();

  console.log(
    `${inMemory ? ':memory:' : 'file (WAL, synchronous=NORMAL)'}: ${REPS} repetitions of ${COMMITS} commits, medians (min–max)`,
  );
  report('chain', samples.chain);
  report('single', samples.single);
  report('floor', samples.floor);
  if (!inMemory)
    console.log(`storage: ${bytesPerStep.toFixed(0)} bytes per chain step (step + attempt + 2 events)`);
  rmSync(dir, { recursive: true, force: true });
}

await main();
