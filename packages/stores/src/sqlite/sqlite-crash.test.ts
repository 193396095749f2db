import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, expect, it } from 'vitest';
import { openSqliteRunStore } from './open-sqlite-run-store.ts';

const WRITER = fileURLToPath(new URL('../../test/crash-writer.ts', import.meta.url));
const PER_BATCH = 25;
const KILL_AFTER = 40;
let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs the writer until it reports `KILL_AFTER` committed batches, lets it go on for `delayMs` so the
 * kill lands at an arbitrary point of the loop, SIGKILLs it, and returns the last batch it reported.
 */
async function writeThenKill(path: string, delayMs: number): Promise<number> {
  const child = spawn(process.execPath, [WRITER, path, String(PER_BATCH)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let lastReported = -1;
  let buffered = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  let killing = false;
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) lastReported = Number(line);
    if (lastReported + 1 >= KILL_AFTER && !killing) {
      killing = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  const signal = await exited;
  if (signal !== 'SIGKILL')
    throw new Error(`crash writer exited on its own (${signal ?? 'no signal'}): ${stderr}`);
  return lastReported;
}

// Several kill times, so some kills land inside a transaction and some between two.
it.each([0, 1, 3, 7, 12])(
  'keeps exactly a prefix of whole batches when the writer is killed %i ms after batch 40',
  async (delayMs) => {
    dir = mkdtempSync(join(tmpdir(), 'weft-crash-'));
    const path = join(dir, 'weft.db');
    const lastReported = await writeThenKill(path, delayMs);
    expect(lastReported + 1).toBeGreaterThanOrEqual(KILL_AFTER);

    const store = await openSqliteRunStore({ path });
    try {
      const run = await store.getRun('crash-run');
      const steps = await store.getSteps('crash-run');
      const events = await store.listEvents('crash-run', 0, 1_000_000);
      const batches = steps.length / PER_BATCH;

      // Whole batches only, and at least every batch the writer saw committed.
      expect(Number.isInteger(batches)).toBe(true);
      expect(batches).toBeGreaterThanOrEqual(lastReported + 1);
      // Steps, events and the run row all describe the same prefix.
      expect(steps.map((s) => s.index)).toStrictEqual(Array.from({ length: steps.length }, (_, n) => n));
      expect(steps.every((s) => s.attempts.length === 1 && s.attempts[0]?.status === 'succeeded')).toBe(true);
      expect(events.map((e) => e.seq)).toStrictEqual(Array.from({ length: steps.length }, (_, n) => n + 1));
      expect(run?.lastSeq).toBe(steps.length);
      expect(run?.state).toStrictEqual({ batch: batches - 1 });
    } finally {
      await store.close();
    }
    const db = new DatabaseSync(path, { readOnly: true });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  },
);
