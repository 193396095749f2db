import { useCallback, useMemo, useState } from 'react';
import { commit, createHistory, redo, replace, undo } from './history.ts';
import type { Draft } from './types.ts';

export interface DraftHistory {
  draft: Draft;
  canUndo: boolean;
  canRedo: boolean;
  /** Records an edit; edits with the same `coalesceKey` in quick succession are one undo step. */
  edit(change: (draft: Draft) => Draft, coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  /** Sets the draft without an undo step. */
  replace(draft: Draft): void;
}

/** The draft with its undo/redo history (canvas, panel and YAML edits all go through here). */
export function useDraftHistory(initial: () => Draft): DraftHistory {
  const [history, setHistory] = useState(() => createHistory(initial()));
  const edit = useCallback(
    (change: (draft: Draft) => Draft, coalesceKey?: string) => setHistory((h) => commit(h, change(h.present), { coalesceKey })),
    [],
  );
  const actions = useMemo(
    () => ({
      undo: () => setHistory(undo),
      redo: () => setHistory(redo),
      replace: (draft: Draft) => setHistory((h) => replace(h, draft)),
    }),
    [],
  );
  return {
    draft: history.present,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    edit,
    ...actions,
  };
}
