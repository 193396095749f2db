import type { Draft } from './types.ts';

/** How many steps back undo goes. */
export const HISTORY_LIMIT = 100;
/** Edits of the same field closer together than this are one undo step (typing a word). */
export const COALESCE_MS = 1200;

/** Every state of the draft the user can go back or forward to; both views edit the same history. */
export interface History {
  past: Draft[];
  present: Draft;
  future: Draft[];
  /** The last edit's field and time, for coalescing typing into one step. */
  last?: { key: string; at: number } | undefined;
}

export function createHistory(present: Draft): History {
  return { past: [], present, future: [] };
}

/**
 * Records an edit. With a `coalesceKey` equal to the previous edit's and close in time, the edit
 * replaces the present instead of adding a step.
 */
export function commit(history: History, next: Draft, options: { coalesceKey?: string | undefined; now?: number } = {}): History {
  if (next === history.present) return history;
  const now = options.now ?? Date.now();
  const key = options.coalesceKey;
  const last = key !== undefined ? { key, at: now } : undefined;
  if (key !== undefined && history.last?.key === key && now - history.last.at < COALESCE_MS) {
    return { ...history, present: next, future: [], last };
  }
  return { past: [...history.past, history.present].slice(-HISTORY_LIMIT), present: next, future: [], last };
}

export function undo(history: History): History {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo(history: History): History {
  const next = history.future[0];
  if (next === undefined) return history;
  return { past: [...history.past, history.present].slice(-HISTORY_LIMIT), present: next, future: history.future.slice(1) };
}

/** Replaces the present without a step (a version loaded or saved under a new id). */
export function replace(history: History, present: Draft): History {
  return { ...history, present, last: undefined };
}
