// Measures the SQLite run store: µs per commit of a typical step batch and bytes stored per step.
// Not a test (timings vary by machine). Run: npx node packages/stores/scripts/measure-sqlite-commit.ts [steps]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CommitBatch, RunStore } from '@weft/engine';
import { openSqliteRunStore } from '../src/index.ts';

const STEPS = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'weft-measure-'));
const path = join(dir, 'weft.db');

function fileBytes(): number {
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const pages = Number(db.prepare('PRAGMA page_count').get()?.page_count);
    const size = Number(db.prepare('PRAGMA page_size').get()?.page_size);
    return pages * size;
  } finally {
    db.close();
  }
}

/** One finished step: the step row, its attempt, and the two events the engine writes around it. */
function stepBatch(runId: string, i: number, seq: number): CommitBatch {
  const stepId = `fetch[${i}]`;
  return {
    run: { expectStatus: ['running'] },
    steps: [
      {
        stepId,
        nodeId: 'fetch',
        iteration: 1,
        index: i,
        parentStepId: 'fetch',
        status: 'succeeded',
        ports: ['main'],
        attempt: {
          attempt: 1,
          status: 'succeeded',
          input: { url: `https://api.example.com/items/${i}`, method: 'GET' },
          output: { status: 200, body: { id: i, name: `item ${i}`, ok: true } },
          startedAt: 1_700_000_000_000 + i,
          endedAt: 1_700_000_000_012 + i,
        },
      },
    ],
    events: [
      { runId, seq, type: 'step.started', at: 1_700_000_000_000 + i, stepId, data: { attempt: 1 } },
      {
        runId,
        seq: seq + 1,
        type: 'step.succeeded',
        at: 1_700_000_000_012 + i,
        stepId,
        data: { attempt: 1, ports: ['main'], durationMs: 12 },
      },
    ],
  };
}

/** The same machine's floor right now: one small row per committed transaction, same pragmas. */
function floorMicros(): number {
  const db = new DatabaseSync(join(dir, 'floor.db'));
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)',
  );
  const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const start = process.hrtime.bigint();
  for (let i = 0; i < 5000; i++) {
    begin.run();
    insert.run(i, 'a small row of about sixty bytes, like a short event payload');
    commit.run();
  }
  const micros = Number(process.hrtime.bigint() - start) / 1000 / 5000;
  db.close();
  return micros;
}

async function prepareRun(store: RunStore): Promise<string> {
  const version = await store.saveWorkflowVersion('measure', {
    name: 'Measure',
    nodes: [{ id: 'fetch', type: 'http', params: {} }],
    edges: [],
  });
  const runId = randomUUID();
  await store.createRun({
    id: runId,
    workflowId: 'measure',
    workflowVersion: version.version,
    input: { n: STEPS },
    state: {},
    options: {},
    createdAt: Date.now(),
    events: [],
  });
  await store.commit(runId, { run: { status: 'running' } });
  return runId;
}

async function main(): Promise<void> {
  const store = await openSqliteRunStore({ path: process.env.WEFT_MEASURE_MEMORY ? ':memory:' : path });
  const runId = await prepareRun(store);
  const before = fileBytes();

  // Warm up the statement caches and the page cache, then time.
  let seq = 1;
  for (let i = 0; i < 200; i++, seq += 2) await store.commit(runId, stepBatch(runId, i, seq));
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let i = 200; i < STEPS; i++, seq += 2) await store.commit(runId, stepBatch(runId, i, seq));
  const elapsedUs = Number(process.hrtime.bigint() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  await store.close();

  const after = fileBytes();
  const timed = STEPS - 200;
  const floor = process.env.WEFT_MEASURE_NO_FLOOR ? 0 : floorMicros();
  console.log(
    `commit: ${(elapsedUs / timed).toFixed(1)} µs wall, ${((cpu.user + cpu.system) / timed).toFixed(1)} µs CPU per typical batch ` +
      `(1 step + 1 attempt + 2 events + run CAS/lastSeq) over ${timed} commits; floor now: ${floor.toFixed(1)} µs per one-row commit`,
  );
  console.log(
    `storage: ${((after - before) / STEPS).toFixed(0)} bytes per step over ${STEPS} steps (${(after / 1024 / 1024).toFixed(1)} MiB file)`,
  );
  rmSync(dir, { recursive: true, force: true });
}

await main();
