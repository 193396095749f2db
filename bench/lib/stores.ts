// Run stores for the benches: in memory, or SQLite on a temp file with a side connection for sizes.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { RunStore } from '@weft/engine';
import { MemoryRunStore } from '@weft/engine/testing';
import { openSqliteRunStore } from '@weft/stores';

export type StoreKind = 'memory' | 'sqlite';

let fileNo = 0;

/** A fresh store; SQLite ones get their own file in `dir`. */
export async function openStore(kind: StoreKind, dir: string): Promise<{ store: RunStore; path?: string }> {
  if (kind === 'memory') return { store: new MemoryRunStore() };
  const path = join(dir, `weft-${++fileNo}.db`);
  return { store: await openSqliteRunStore({ path }), path };
}

/** Bytes a SQLite database holds after a WAL checkpoint: used pages × page size, and the files' size. */
export function sqliteSize(path: string): { usedBytes: number; fileBytes: number } {
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const pragma = (name: string) =>
      Number((db.prepare(`PRAGMA ${name}`).get() as Record<string, number>)[name]);
    const pageSize = pragma('page_size');
    const used = (pragma('page_count') - pragma('freelist_count')) * pageSize;
    return { usedBytes: used, fileBytes: fileSize(path) + fileSize(`${path}-wal`) };
  } finally {
    db.close();
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
