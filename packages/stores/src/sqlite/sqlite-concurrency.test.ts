import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-run-store.ts';

const CONTENDER = fileURLToPath(new URL('../../test/contender.ts', import.meta.url));
const PROCESSES = 4;
const TICKS = 2000;
const MESSAGES = 250;
let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Contender {
  won: number[];
  lost: number;
  seqs: number[];
}

function contend(path: string, startAt: number): Promise<Contender> {
  const child = spawn(process.execPath, [CONTENDER, path, String(TICKS), String(MESSAGES), String(startAt)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(stdout) as Contender);
      else reject(new Error(`contender exited with ${code}: ${stderr}`));
    }),
  );
}

it('hands each schedule tick and each chat seq to exactly one of several processes', async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-contend-'));
  const path = join(dir, 'weft.db');
  const store = await openSqliteStore({ path });
  await store.putSchedule({
    id: 'wf:0',
    workflowId: 'wf',
    cron: '* * * * *',
    timezone: 'UTC',
    input: null,
    nextFireAt: 0,
  });
  await store.close();

  const startAt = Date.now() + 1500;
  const results = await Promise.all(Array.from({ length: PROCESSES }, () => contend(path, startAt)));

  const won = results.flatMap((r) => r.won).sort((a, b) => a - b);
  expect(won).toStrictEqual(Array.from({ length: TICKS }, (_, i) => i));
  const seqs = results.flatMap((r) => r.seqs).sort((a, b) => a - b);
  expect(seqs).toStrictEqual(Array.from({ length: PROCESSES * MESSAGES }, (_, i) => i + 1));
  // The processes really did race for the same ticks, or this test proves nothing.
  expect(results.filter((r) => r.won.length > 0).length).toBeGreaterThan(1);
  expect(results.reduce((sum, r) => sum + r.lost, 0)).toBeGreaterThan(0);

  const reopened = await openSqliteStore({ path });
  try {
    expect(await reopened.listChatSessions('wf')).toMatchObject([
      { sessionId: 'shared', messages: PROCESSES * MESSAGES },
    ]);
    expect(await reopened.getSchedule('wf:0')).toMatchObject({ nextFireAt: TICKS });
  } finally {
    await reopened.close();
  }
});
