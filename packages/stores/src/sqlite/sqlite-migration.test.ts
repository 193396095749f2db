import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptRecord, RunRecord, StepRecord, WeftStore } from '@weft/engine';
import { migrateSqlite } from './migrate.ts';
import { sqliteMigrations } from './migrations.ts';
import { openSqliteStore } from './open-sqlite-run-store.ts';

const T0 = 1_700_000_000_000;
const USAGE = '{"inputTokens":0,"outputTokens":0,"totalTokens":0}';

/**
 * Writes runs, steps, attempts and events the way the store did at schema version 2 (one row per
 * attempt, events keyed by (run_id, seq), last_seq and step_count on the run).
 */
function writeVersion2(db: DatabaseSync): void {
  db.exec(`
    INSERT INTO workflows (id, name, created_at, updated_at) VALUES ('wf', 'Old', ${T0}, ${T0});
    INSERT INTO workflow_versions (workflow_id, version, hash, created_at, definition)
      VALUES ('wf', 1, 'h1', ${T0}, '{"name":"Old","nodes":[{"id":"a","type":"noop","params":{}}],"edges":[]}');
  `);
  const run = db.prepare(
    `INSERT INTO runs (id, workflow_id, workflow_version, status, created_at, started_at, ended_at, last_seq, step_count,
       lease_owner, lease_until, parent_run_id, parent_step_id, usage, options, error, output, state, input)
     VALUES (?, 'wf', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The parent sorts after its child by creation time, so the copy must not depend on row order.
  run.run(
    'parent',
    'failed',
    T0 + 10,
    T0 + 11,
    T0 + 50,
    5,
    3,
    'w1',
    T0 + 99,
    null,
    null,
    '{"inputTokens":3,"outputTokens":4,"totalTokens":7}',
    '{"model":"m"}',
    '{"code":"X","message":"bad","retryable":false}',
    'null',
    '{"k":[1,"é"]}',
    '{"q":"héllo"}',
  );
  run.run(
    'child',
    'queued',
    T0,
    null,
    null,
    0,
    0,
    null,
    null,
    'parent',
    'c',
    USAGE,
    '{}',
    null,
    null,
    '{}',
    '1',
  );

  const step = db.prepare(
    `INSERT INTO steps (run_id, step_id, ord, node_id, iteration, item_index, parent_step_id, status, attempt, wake_at, ports, waiting_for)
     VALUES ('parent', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Creation order differs from step id order.
  step.run('c', 1, 'c', 1, null, null, 'succeeded', 2, null, '["main"]', null);
  step.run('a', 2, 'a', 1, null, null, 'pending', 0, null, null, null);
  step.run(
    'b[3]',
    3,
    'b',
    2,
    3,
    'a',
    'waiting',
    1,
    T0 + 60_000,
    '["x","y"]',
    '{"form":{"fields":["reason"]}}',
  );

  const attempt = db.prepare(
    `INSERT INTO step_attempts (run_id, step_id, attempt, status, started_at, ended_at, model, usage, error, tool_calls, input, output)
     VALUES ('parent', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  attempt.run(
    'c',
    1,
    'failed',
    T0 + 1,
    T0 + 2,
    null,
    null,
    '{"code":"TIMEOUT","message":"slow","retryable":true}',
    null,
    '{"n":1}',
    null,
  );
  attempt.run('c', 2, 'succeeded', T0 + 3, T0 + 4, null, null, null, null, '{"n":2}', '"done"');
  attempt.run(
    'b[3]',
    1,
    'waiting',
    T0 + 5,
    null,
    'anthropic:claude',
    '{"inputTokens":1,"outputTokens":2,"totalTokens":3}',
    null,
    '[{"id":"t1","name":"search","input":{"q":"w"},"output":["r"],"startedAt":1,"endedAt":2}]',
    'null',
    '{"partial":[1]}',
  );

  const event = db.prepare(
    'INSERT INTO events (run_id, seq, type, at, step_id, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  event.run('parent', 1, 'run.created', T0 + 10, null, '{}');
  event.run('parent', 2, 'step.started', T0 + 11, 'c', '{"attempt":1}');
  event.run('parent', 3, 'step.failed', T0 + 12, 'c', 'null');
  event.run('parent', 5, 'log', T0 + 13, null, '"gap before me"');
}

const FIRST_C: AttemptRecord = {
  attempt: 1,
  status: 'failed',
  startedAt: T0 + 1,
  endedAt: T0 + 2,
  error: { code: 'TIMEOUT', message: 'slow', retryable: true },
  input: { n: 1 },
};
const SECOND_C: AttemptRecord = {
  attempt: 2,
  status: 'succeeded',
  startedAt: T0 + 3,
  endedAt: T0 + 4,
  input: { n: 2 },
  output: 'done',
};

const EXPECTED_STEPS: StepRecord[] = [
  {
    runId: 'parent',
    stepId: 'c',
    nodeId: 'c',
    iteration: 1,
    status: 'succeeded',
    attempt: 2,
    ports: ['main'],
    attempts: [FIRST_C, SECOND_C],
  },
  { runId: 'parent', stepId: 'a', nodeId: 'a', iteration: 1, status: 'pending', attempt: 0, attempts: [] },
  {
    runId: 'parent',
    stepId: 'b[3]',
    nodeId: 'b',
    iteration: 2,
    index: 3,
    parentStepId: 'a',
    status: 'waiting',
    attempt: 1,
    wakeAt: T0 + 60_000,
    ports: ['x', 'y'],
    waitingFor: { form: { fields: ['reason'] } },
    attempts: [
      {
        attempt: 1,
        status: 'waiting',
        startedAt: T0 + 5,
        model: 'anthropic:claude',
        usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
        toolCalls: [{ id: 't1', name: 'search', input: { q: 'w' }, output: ['r'], startedAt: 1, endedAt: 2 }],
        input: null,
        output: { partial: [1] },
      },
    ],
  },
];

const EXPECTED_PARENT: RunRecord = {
  id: 'parent',
  workflowId: 'wf',
  workflowVersion: 1,
  status: 'failed',
  input: { q: 'héllo' },
  state: { k: [1, 'é'] },
  options: { model: 'm' },
  usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
  createdAt: T0 + 10,
  startedAt: T0 + 11,
  endedAt: T0 + 50,
  lastSeq: 5,
  owner: 'w1',
  leaseUntil: T0 + 99,
  output: null,
  error: { code: 'X', message: 'bad', retryable: false },
};

describe('SQLite migration 3 (integer run keys, current attempt in the step row)', () => {
  let dir: string;
  let path: string;
  let store: WeftStore | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'weft-sqlite-migrate-'));
    path = join(dir, 'weft.db');
    const db = new DatabaseSync(path, { enableForeignKeyConstraints: true });
    db.exec('PRAGMA journal_mode = WAL');
    expect(migrateSqlite(db, sqliteMigrations.slice(0, 2))).toStrictEqual([1, 2]);
    writeVersion2(db);
    db.close();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every run, step, attempt and event', async () => {
    store = await openSqliteStore({ path });
    expect(await store.getRun('parent')).toStrictEqual(EXPECTED_PARENT);
    expect(await store.getRun('child')).toStrictEqual({
      id: 'child',
      workflowId: 'wf',
      workflowVersion: 1,
      status: 'queued',
      input: 1,
      state: {},
      options: {},
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      createdAt: T0,
      lastSeq: 0,
      parentRunId: 'parent',
      parentStepId: 'c',
    });
    expect(await store.getSteps('parent')).toStrictEqual(EXPECTED_STEPS);
    expect(await store.getSteps('child')).toStrictEqual([]);
    expect(await store.listEvents('parent', 0, 10)).toStrictEqual([
      { runId: 'parent', seq: 1, type: 'run.created', at: T0 + 10, data: {} },
      { runId: 'parent', seq: 2, type: 'step.started', at: T0 + 11, stepId: 'c', data: { attempt: 1 } },
      { runId: 'parent', seq: 3, type: 'step.failed', at: T0 + 12, stepId: 'c', data: null },
      { runId: 'parent', seq: 5, type: 'log', at: T0 + 13, data: 'gap before me' },
    ]);
    expect((await store.listRuns({})).runs.map((r) => r.id)).toStrictEqual(['parent', 'child']);
    expect((await store.listRuns({ parentRunId: 'parent' })).runs.map((r) => r.id)).toStrictEqual(['child']);
    expect(await store.findOrphanedRuns(T0 + 1000, 10)).toMatchObject([{ id: 'child' }]);

    const db = new DatabaseSync(path, { readOnly: true });
    try {
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      expect(db.prepare('PRAGMA foreign_key_check').all()).toStrictEqual([]);
      expect(
        db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE '%v2%' OR name LIKE 'event_seqs%'").all(),
      ).toStrictEqual([]);
    } finally {
      db.close();
    }
  });

  it('goes on from the converted rows: order, attempts, seqs and new runs', async () => {
    store = await openSqliteStore({ path });
    await expect(
      store.commit('parent', { events: [{ runId: 'parent', seq: 5, type: 'log', at: T0, data: null }] }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const third: AttemptRecord = { attempt: 3, status: 'running', input: { n: 3 }, startedAt: T0 + 20 };
    await store.commit('parent', {
      run: { expectStatus: ['failed'], status: 'running', error: null, endedAt: null },
      steps: [
        { stepId: 'new', nodeId: 'n', iteration: 1, status: 'running', attempt: third },
        { stepId: 'c', nodeId: 'c', iteration: 1, status: 'running', attempt: third },
      ],
      events: [{ runId: 'parent', seq: 6, type: 'step.started', at: T0 + 20, stepId: 'c', data: null }],
    });
    const steps = await store.getSteps('parent');
    expect(steps.map((s) => s.stepId)).toStrictEqual(['c', 'a', 'b[3]', 'new']);
    expect(steps[0]?.attempts).toStrictEqual([FIRST_C, SECOND_C, third]);
    expect(await store.getRun('parent')).toMatchObject({ status: 'running', lastSeq: 6 });

    await store.saveWorkflowVersion('wf', {
      name: 'New',
      nodes: [{ id: 'a', type: 'noop', params: {} }],
      edges: [],
    });
    await store.createRun({
      id: 'fresh',
      workflowId: 'wf',
      workflowVersion: 2,
      input: null,
      state: {},
      options: {},
      createdAt: T0 + 100,
      events: [{ runId: 'fresh', seq: 1, type: 'run.created', at: T0 + 100, data: {} }],
    });
    await store.commit('fresh', {
      steps: [{ stepId: 'c', nodeId: 'c', iteration: 1, status: 'running' }],
      events: [{ runId: 'fresh', seq: 2, type: 'log', at: T0 + 101, data: 'x' }],
    });
    expect(await store.getRun('fresh')).toMatchObject({ lastSeq: 2 });
    expect((await store.getSteps('fresh')).map((s) => [s.runId, s.stepId])).toStrictEqual([['fresh', 'c']]);
    expect((await store.listEvents('fresh', 0, 10)).map((e) => e.seq)).toStrictEqual([1, 2]);
    expect((await store.listEvents('parent', 4, 10)).map((e) => e.seq)).toStrictEqual([5, 6]);
  });

  it('refuses to convert an event seq that does not fit the new key, and changes nothing', async () => {
    const db = new DatabaseSync(path);
    db.prepare(
      "INSERT INTO events (run_id, seq, type, at, data) VALUES ('parent', -1, 'log', 0, 'null')",
    ).run();
    db.close();
    await expect(openSqliteStore({ path })).rejects.toMatchObject({
      code: 'STORE_ERROR',
      message: expect.stringMatching(/Migration 3 .* failed: CHECK constraint failed/),
    });
    const after = new DatabaseSync(path, { readOnly: true });
    try {
      expect(after.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 2 });
      expect(after.prepare('SELECT count(*) AS n FROM step_attempts').get()).toEqual({ n: 3 });
    } finally {
      after.close();
    }
  });
});
