// The floor: what an await and a committed SQLite row cost on this machine, with no engine at all.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fromSample, REF_FLOOR_COMMIT, type BenchResult } from '../lib/result.ts';
import { measure, measureSync } from '../lib/stats.ts';

const SECTION = 'Floor: no engine';

async function asyncNoop(): Promise<null> {
  return null;
}

/** A loop of 100 awaits of an async no-op, and one SQLite transaction per inserted row. */
export async function floorCases(dir: string): Promise<BenchResult[]> {
  const awaits = await measure(
    async () => {
      for (let i = 0; i < 100; i++) await asyncNoop();
    },
    { unitsPerCall: 100 },
  );

  const db = new DatabaseSync(join(dir, 'floor.db'));
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    CREATE TABLE steps (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, step_id TEXT NOT NULL, status TEXT NOT NULL, output TEXT);
  `);
  const begin = db.prepare('BEGIN');
  const insert = db.prepare('INSERT INTO steps (run_id, step_id, status, output) VALUES (?, ?, ?, ?)');
  const commit = db.prepare('COMMIT');
  let n = 0;
  const commits = measureSync(() => {
    begin.run();
    insert.run('run-1', `step-${++n}`, 'succeeded', 'null');
    commit.run();
  });
  db.close();

  return [
    fromSample(SECTION, 'loop of 100 awaits of an async no-op', 'µs/step', awaits),
    fromSample(
      SECTION,
      'node:sqlite, one INSERT per transaction (WAL, synchronous=NORMAL)',
      'µs/step',
      commits,
      {
        goal: REF_FLOOR_COMMIT,
      },
    ),
  ];
}
