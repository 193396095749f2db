import type { Migration } from '../migration.ts';

// JSON columns hold compact JSON text; SQL NULL means "absent", the text 'null' means JSON null.
// Times are epoch milliseconds. Small, often-read columns come first in each row and large JSON
// last, so reading a status or updating last_seq does not walk through big values.

const initial = `
CREATE TABLE workflows (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER
) STRICT;

CREATE TABLE workflow_versions (
  workflow_id TEXT NOT NULL REFERENCES workflows (id),
  version INTEGER NOT NULL,
  hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  definition TEXT NOT NULL,
  PRIMARY KEY (workflow_id, version)
) STRICT;

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  workflow_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  ended_at INTEGER,
  last_seq INTEGER NOT NULL DEFAULT 0,
  step_count INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until INTEGER,
  parent_run_id TEXT REFERENCES runs (id),
  parent_step_id TEXT,
  usage TEXT NOT NULL,
  options TEXT NOT NULL,
  error TEXT,
  output TEXT,
  state TEXT NOT NULL,
  input TEXT NOT NULL,
  FOREIGN KEY (workflow_id, workflow_version) REFERENCES workflow_versions (workflow_id, version)
) STRICT;

-- listRuns reads newest first (scanning these backwards) with or without a workflow, status or parent
-- filter; findOrphanedRuns reaches the few queued/running runs through runs_by_status.
CREATE INDEX runs_by_created ON runs (created_at, id);
CREATE INDEX runs_by_workflow ON runs (workflow_id, created_at, id);
CREATE INDEX runs_by_status ON runs (status, created_at, id);
CREATE INDEX runs_by_parent ON runs (parent_run_id, created_at, id);

-- ord is the creation order within the run, taken from runs.step_count when the step is first written.
-- Step rows are small, so they live in the primary-key B-tree itself (no rowid table plus unique index):
-- one page less to write per commit.
CREATE TABLE steps (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  node_id TEXT NOT NULL,
  iteration INTEGER NOT NULL,
  item_index INTEGER,
  parent_step_id TEXT,
  status TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  wake_at INTEGER,
  ports TEXT,
  waiting_for TEXT,
  PRIMARY KEY (run_id, step_id)
) STRICT, WITHOUT ROWID;

-- Attempts carry inputs and outputs of any size, which a rowid table keeps on its leaf pages up to ~4 KB
-- (a WITHOUT ROWID table spills anything over ~1 KB to overflow pages).
CREATE TABLE step_attempts (
  run_id TEXT NOT NULL,
  step_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  status TEXT NOT NULL,
  started_at INTEGER,
  ended_at INTEGER,
  model TEXT,
  usage TEXT,
  error TEXT,
  tool_calls TEXT,
  input TEXT,
  output TEXT,
  PRIMARY KEY (run_id, step_id, attempt),
  FOREIGN KEY (run_id, step_id) REFERENCES steps (run_id, step_id) ON DELETE CASCADE
) STRICT;

-- Events are small and many (one per token when streaming): keyed storage without a separate rowid.
CREATE TABLE events (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  step_id TEXT,
  data TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) STRICT, WITHOUT ROWID;
`;

// The workflow catalog, credentials, API tokens, schedules and chat history.
//
// workflows gains columns derived from its latest version and its last run, kept current by the writes
// that change them (saveWorkflowVersion, createRun, a commit that changes a run's status), so listing
// workflows reads one row per workflow. search_text is id, name and description lower-cased by
// JavaScript's Unicode rules (SQLite's lower() only folds ASCII); rows from before this migration have
// latest_version 0 until the store fills them in on open.
const catalogAndAccounts = `
ALTER TABLE workflows ADD COLUMN latest_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE workflows ADD COLUMN description TEXT;
ALTER TABLE workflows ADD COLUMN triggers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE workflows ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE workflows ADD COLUMN last_run_id TEXT;
ALTER TABLE workflows ADD COLUMN last_run_status TEXT;
ALTER TABLE workflows ADD COLUMN last_run_created_at INTEGER;

-- listWorkflows reads newest first by scanning this backwards from the cursor.
CREATE INDEX workflows_by_updated ON workflows (updated_at, id);

CREATE TABLE credentials (
  name TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  ciphertext TEXT NOT NULL
) STRICT;

-- Looked up by hash on every authenticated request.
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
) STRICT;

-- next_fire_at is NULL while disabled or exhausted. The scheduler polls schedules_due; a tick is
-- claimed with UPDATE … WHERE next_fire_at = <expected>, so one connection wins it.
CREATE TABLE schedules (
  id TEXT PRIMARY KEY,
  workflow_id TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  next_fire_at INTEGER,
  last_fired_at INTEGER,
  cron TEXT NOT NULL,
  timezone TEXT NOT NULL,
  input TEXT NOT NULL
) STRICT;
CREATE INDEX schedules_by_workflow ON schedules (workflow_id, id);
CREATE INDEX schedules_due ON schedules (next_fire_at, id) WHERE enabled = 1;

-- One row per session: its message count hands out the next seq under the write lock, and listing
-- sessions reads these rows instead of grouping messages.
CREATE TABLE chat_sessions (
  workflow_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  messages INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workflow_id, session_id)
) STRICT, WITHOUT ROWID;

-- Messages can be long (model answers): a rowid table keeps them on leaf pages up to ~4 KB.
CREATE TABLE chat_messages (
  workflow_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  role TEXT NOT NULL,
  at INTEGER NOT NULL,
  run_id TEXT,
  content TEXT NOT NULL,
  PRIMARY KEY (workflow_id, session_id, seq)
) STRICT;
`;

// Cheaper commits: a typical engine batch (finish step N, start step N+1, two events, a CAS on the run)
// now dirties three B-tree leaves (steps, steps_by_key, events) instead of seven pages in five B-trees.
//
// - runs get an integer key `rid` (their rowid), which steps and events use instead of the 36-byte id.
//   `last_seq` and `step_count` go: the last seq is read from the run's newest event, and creation order
//   is the steps rowid. A commit writes the runs row only when its patch changes a run column.
// - steps hold their current attempt (number `attempt`, present when `attempt_status` is not NULL) in
//   the same row, in a rowid table (payloads inline up to ~4 KB) with ord = rowid (a new row takes
//   max + 1, so creation order) and a unique index on (rid, step_id). When a higher attempt starts, the
//   one the row held moves to step_attempts in the same commit; a lower attempt written late goes there.
// - events are keyed by one integer, (rid << 32) | seq: a rowid table whose appends fill pages to the
//   end instead of splitting them in half, as a WITHOUT ROWID (run_id, seq) key did. seq is 0…2^32-1.
//
// Old tables are renamed first, so the foreign keys of the old children follow them and dropping them
// leaves the new tables alone; their indexes go with them and are made again on the new tables.
const compactRuns = `
-- Fails the migration (CHECK constraint failed) if an event seq does not fit the new key.
CREATE TEMP TABLE event_seqs_must_fit_32_bits (seq INTEGER CHECK (seq BETWEEN 0 AND 4294967295));
INSERT INTO event_seqs_must_fit_32_bits SELECT seq FROM events WHERE seq NOT BETWEEN 0 AND 4294967295 LIMIT 1;
DROP TABLE event_seqs_must_fit_32_bits;

ALTER TABLE events RENAME TO events_v2;
ALTER TABLE step_attempts RENAME TO step_attempts_v2;
ALTER TABLE steps RENAME TO steps_v2;
ALTER TABLE runs RENAME TO runs_v2;

CREATE TABLE runs (
  rid INTEGER PRIMARY KEY CHECK (rid BETWEEN 1 AND 2147483647),
  id TEXT NOT NULL UNIQUE,
  workflow_id TEXT NOT NULL,
  workflow_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  ended_at INTEGER,
  lease_owner TEXT,
  lease_until INTEGER,
  parent_run_id TEXT REFERENCES runs (id),
  parent_step_id TEXT,
  usage TEXT NOT NULL,
  options TEXT NOT NULL,
  error TEXT,
  output TEXT,
  state TEXT NOT NULL,
  input TEXT NOT NULL,
  FOREIGN KEY (workflow_id, workflow_version) REFERENCES workflow_versions (workflow_id, version)
) STRICT;
INSERT INTO runs (id, workflow_id, workflow_version, status, created_at, started_at, ended_at, lease_owner, lease_until,
    parent_run_id, parent_step_id, usage, options, error, output, state, input)
  SELECT id, workflow_id, workflow_version, status, created_at, started_at, ended_at, lease_owner, lease_until,
    parent_run_id, parent_step_id, usage, options, error, output, state, input
  FROM runs_v2 ORDER BY created_at, id;

-- Lets the copy below read each run's steps in creation order (all the new ord must keep) without sorting them.
CREATE INDEX steps_v2_by_ord ON steps_v2 (run_id, ord);
CREATE TABLE steps (
  ord INTEGER PRIMARY KEY,
  rid INTEGER NOT NULL REFERENCES runs (rid) ON DELETE CASCADE,
  step_id TEXT NOT NULL,
  node_id TEXT NOT NULL,
  iteration INTEGER NOT NULL,
  item_index INTEGER,
  parent_step_id TEXT,
  status TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  wake_at INTEGER,
  ports TEXT,
  waiting_for TEXT,
  attempt_status TEXT,
  started_at INTEGER,
  ended_at INTEGER,
  model TEXT,
  usage TEXT,
  error TEXT,
  tool_calls TEXT,
  input TEXT,
  output TEXT
) STRICT;
INSERT INTO steps (rid, step_id, node_id, iteration, item_index, parent_step_id, status, attempt, wake_at, ports, waiting_for,
    attempt_status, started_at, ended_at, model, usage, error, tool_calls, input, output)
  SELECT r.rid, s.step_id, s.node_id, s.iteration, s.item_index, s.parent_step_id, s.status, s.attempt, s.wake_at, s.ports,
    s.waiting_for, a.status, a.started_at, a.ended_at, a.model, a.usage, a.error, a.tool_calls, a.input, a.output
  FROM steps_v2 s
  JOIN runs r ON r.id = s.run_id
  LEFT JOIN step_attempts_v2 a ON a.run_id = s.run_id AND a.step_id = s.step_id AND a.attempt = s.attempt
  ORDER BY s.run_id, s.ord;
CREATE UNIQUE INDEX steps_by_key ON steps (rid, step_id);

CREATE TABLE step_attempts (
  rid INTEGER NOT NULL,
  step_ord INTEGER NOT NULL REFERENCES steps (ord) ON DELETE CASCADE,
  attempt INTEGER NOT NULL,
  status TEXT NOT NULL,
  started_at INTEGER,
  ended_at INTEGER,
  model TEXT,
  usage TEXT,
  error TEXT,
  tool_calls TEXT,
  input TEXT,
  output TEXT,
  PRIMARY KEY (rid, step_ord, attempt)
) STRICT;
INSERT INTO step_attempts (rid, step_ord, attempt, status, started_at, ended_at, model, usage, error, tool_calls, input, output)
  SELECT n.rid, n.ord, a.attempt, a.status, a.started_at, a.ended_at, a.model, a.usage, a.error, a.tool_calls, a.input, a.output
  FROM step_attempts_v2 a
  JOIN runs r ON r.id = a.run_id
  JOIN steps n ON n.rid = r.rid AND n.step_id = a.step_id
  WHERE a.attempt < n.attempt;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  step_id TEXT,
  data TEXT NOT NULL
) STRICT;
INSERT INTO events (id, type, at, step_id, data)
  SELECT (r.rid << 32) | e.seq, e.type, e.at, e.step_id, e.data
  FROM events_v2 e JOIN runs r ON r.id = e.run_id;

DROP TABLE events_v2;
DROP TABLE step_attempts_v2;
DROP TABLE steps_v2;
DROP TABLE runs_v2;

CREATE INDEX runs_by_created ON runs (created_at, id);
CREATE INDEX runs_by_workflow ON runs (workflow_id, created_at, id);
CREATE INDEX runs_by_status ON runs (status, created_at, id);
CREATE INDEX runs_by_parent ON runs (parent_run_id, created_at, id);

`;

/** The SQLite schema, oldest change first. Append new migrations; never edit a released one. */
export const sqliteMigrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initial },
  { version: 2, name: 'workflow catalog, credentials, tokens, schedules, chat', sql: catalogAndAccounts },
  {
    version: 3,
    name: 'integer run keys, current attempt in the step row, events keyed by one integer',
    sql: compactRuns,
  },
];
