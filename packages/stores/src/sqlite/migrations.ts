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

/** The SQLite schema, oldest change first. Append new migrations; never edit a released one. */
export const sqliteMigrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initial },
  { version: 2, name: 'workflow catalog, credentials, tokens, schedules, chat', sql: catalogAndAccounts },
];
