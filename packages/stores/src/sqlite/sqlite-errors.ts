import { WeftError } from '@weft/engine';

// node:sqlite throws Error with code 'ERR_SQLITE_ERROR' and the extended SQLite result code in `errcode`.
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_CONSTRAINT = 19;

function primaryCode(error: unknown): number | undefined {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  return typeof errcode === 'number' ? errcode & 0xff : undefined;
}

/** True for a UNIQUE, PRIMARY KEY, FOREIGN KEY, NOT NULL or CHECK failure. */
export function isConstraintError(error: unknown): boolean {
  return primaryCode(error) === SQLITE_CONSTRAINT;
}

/** Weft errors pass through; driver errors become STORE_ERROR, retryable when the database was busy. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof WeftError) return error;
  const code = primaryCode(error);
  if (code === undefined) return error;
  const retryable = code === SQLITE_BUSY || code === SQLITE_LOCKED;
  return new WeftError('STORE_ERROR', `SQLite: ${(error as Error).message}`, { cause: error, retryable });
}
