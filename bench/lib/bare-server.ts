// The bare baseline of the webhook bench, run as its own process:
//   node bench/lib/bare-server.ts <db path>
// A minimal node:http server over node:sqlite (WAL, synchronous=NORMAL) that, per POST, writes what
// a Weft webhook run of three steps writes — a run row, three step rows and the run's nine events —
// in two transactions (create the run; execute and finish it), then answers with the output. No
// engine, no router, no validation, no templates: what no server doing the same writes can beat.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { DatabaseSync } from 'node:sqlite';

const path = process.argv[2];
if (!path) throw new Error('usage: node bench/lib/bare-server.ts <db path>');

const db = new DatabaseSync(path);
db.exec(`
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  CREATE TABLE runs (
    rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, workflow_id TEXT NOT NULL, workflow_version INTEGER NOT NULL,
    status TEXT NOT NULL, created_at INTEGER NOT NULL, started_at INTEGER, ended_at INTEGER,
    usage TEXT NOT NULL, options TEXT NOT NULL, output TEXT, state TEXT NOT NULL, input TEXT NOT NULL
  ) STRICT;
  CREATE INDEX runs_by_created ON runs (created_at, id);
  CREATE INDEX runs_by_workflow ON runs (workflow_id, created_at, id);
  CREATE INDEX runs_by_status ON runs (status, created_at, id);
  CREATE TABLE steps (
    ord INTEGER PRIMARY KEY, rid INTEGER NOT NULL REFERENCES runs (rid), step_id TEXT NOT NULL, node_id TEXT NOT NULL,
    status TEXT NOT NULL, attempt INTEGER NOT NULL, started_at INTEGER, ended_at INTEGER, input TEXT, output TEXT
  ) STRICT;
  CREATE UNIQUE INDEX steps_by_key ON steps (rid, step_id);
  CREATE TABLE events (id INTEGER PRIMARY KEY, type TEXT NOT NULL, at INTEGER NOT NULL, step_id TEXT, data TEXT NOT NULL) STRICT;
`);

const begin = db.prepare('BEGIN IMMEDIATE');
const commit = db.prepare('COMMIT');
const insertRun = db.prepare(
  `INSERT INTO runs (id, workflow_id, workflow_version, status, created_at, usage, options, state, input)
   VALUES (?, 'bench-bare', 1, 'queued', ?, '{}', '{}', '{}', ?)`,
);
const startRun = db.prepare(`UPDATE runs SET status = 'running', started_at = ? WHERE rid = ?`);
const endRun = db.prepare(`UPDATE runs SET status = 'succeeded', ended_at = ?, output = ? WHERE rid = ?`);
const insertStep = db.prepare(
  `INSERT INTO steps (rid, step_id, node_id, status, attempt, started_at, ended_at, input, output)
   VALUES (?, ?, ?, 'succeeded', 1, ?, ?, ?, ?)`,
);
const insertEvent = db.prepare('INSERT INTO events (id, type, at, step_id, data) VALUES (?, ?, ?, ?, ?)');
const eventId = (rid: number, seq: number) => rid * 2 ** 32 + seq;

function transaction(work: () => void): void {
  begin.run();
  try {
    work();
    commit.run();
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

function execute(input: Record<string, unknown>): string {
  const id = randomUUID();
  let rid = 0;
  let seq = 0;
  transaction(() => {
    const now = Date.now();
    rid = Number(insertRun.run(id, now, JSON.stringify(input)).lastInsertRowid);
    insertEvent.run(
      eventId(rid, ++seq),
      'run.created',
      now,
      null,
      JSON.stringify({ workflowId: 'bench-bare' }),
    );
  });
  let output: unknown = (input['body'] as { n?: unknown } | null)?.n ?? null;
  transaction(() => {
    const now = Date.now();
    startRun.run(now, rid);
    insertEvent.run(eventId(rid, ++seq), 'run.started', now, null, '{}');
    for (const node of ['a', 'b', 'c']) {
      const stepInput = JSON.stringify(output);
      output = { step: node, n: output };
      insertStep.run(rid, node, node, now, Date.now(), stepInput, JSON.stringify(output));
      insertEvent.run(
        eventId(rid, ++seq),
        'step.started',
        now,
        node,
        JSON.stringify({ nodeId: node, attempt: 1 }),
      );
      insertEvent.run(
        eventId(rid, ++seq),
        'step.succeeded',
        Date.now(),
        node,
        JSON.stringify({ nodeId: node }),
      );
    }
    const text = JSON.stringify(output);
    endRun.run(Date.now(), text, rid);
    insertEvent.run(eventId(rid, ++seq), 'run.succeeded', Date.now(), null, '{}');
  });
  return JSON.stringify({ runId: id, output });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const text = Buffer.concat(chunks).toString();
      const input = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text ? (JSON.parse(text) as unknown) : null,
      };
      const body = execute(input);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.stdout.write(`bare server listening on http://127.0.0.1:${address.port}\n`);
});
const stop = () =>
  server.close(() => {
    db.close();
    process.exit(0);
  });
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
