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

/** The SQLite schema, oldest change first. Append new migrations; never edit a released one. */
export const sqliteMigrations: readonly Migration[] = [{ version: 1, name: 'initial schema', sql: initial }];
