import { WeftError } from '../errors.ts';

/** Where a page of runs ended: the last run's creation time and id (the listing order is `createdAt DESC, id DESC`). */
export interface RunCursor {
  createdAt: number;
  id: string;
}

/** Default and largest page size of `listRuns`. */
export const RUN_PAGE_DEFAULT = 50;
export const RUN_PAGE_MAX = 1000;

/** The page size to use for a requested `limit`. */
export function runListLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return RUN_PAGE_DEFAULT;
  return Math.min(RUN_PAGE_MAX, Math.max(1, Math.floor(limit)));
}

/** Opaque cursor text for the page after `run`. */
export function encodeRunCursor(run: RunCursor): string {
  return Buffer.from(JSON.stringify([run.createdAt, run.id])).toString('base64url');
}

/** Reads a cursor made by `encodeRunCursor`; throws INVALID_INPUT for anything else. */
export function decodeRunCursor(cursor: string): RunCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new WeftError(
    'INVALID_INPUT',
    `Invalid run list cursor "${cursor}": pass the nextCursor of a previous page.`,
  );
}
