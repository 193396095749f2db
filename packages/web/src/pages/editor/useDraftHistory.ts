import { useCallback, useMemo, useState } from 'react';
import { commit, createHistory, redo, replace, undo } from './history.ts';
import type { Draft } from './types.ts';

export interface DraftHistory {
  draft: Draft;
  canUndo: boolean;
  canRedo: boolean;
  /** The saved version the draft was loaded from (and edited since); undefined for a draft never saved. */
  basedOn: number | undefined;
  /** Records an edit; edits with the same `coalesceKey` in quick succession are one undo step. */
  edit(change: (draft: Draft) => Draft, coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  /** Sets the draft without an undo step. */
  replace(draft: Draft): void;
  /** Puts a stored version in place of the draft, as one undoable edit. */
  load(draft: Draft, version: number): void;
  /** This state of the draft is now saved as `version`. */
  markSaved(draft: Draft, version: number): void;
}

/** The draft with its undo/redo history (canvas, panel and YAML edits all go through here). */
export function useDraftHistory(initial: () => Draft, initialVersion?: number): DraftHistory {
  // The version each state descends from, so undo past a loaded version also leaves it.
  const [basis] = useState(() => new WeakMap<Draft, number>());
  const [history, setHistory] = useState(() => {
    const first = initial();
    if (initialVersion !== undefined) basis.set(first, initialVersion);
    return createHistory(first);
  });
  const edit = useCallback(
    (change: (draft: Draft) => Draft, coalesceKey?: string) =>
      setHistory((h) => {
        const next = change(h.present);
        const version = basis.get(h.present);
        if (version !== undefined && next !== h.present) basis.set(next, version);
        return commit(h, next, { coalesceKey });
      }),
    [basis],
  );
  const actions = useMemo(
    () => ({
      undo: () => setHistory(undo),
      redo: () => setHistory(redo),
      replace: (draft: Draft) => setHistory((h) => replace(h, draft)),
      load: (draft: Draft, version: number) => {
        basis.set(draft, version);
        setHistory((h) => commit(h, draft));
      },
      markSaved: (draft: Draft, version: number) => {
        basis.set(draft, version);
        setHistory((h) => ({ ...h }));
      },
    }),
    [basis],
  );
  return {
    draft: history.present,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    basedOn: basis.get(history.present),
    edit,
    ...actions,
  };
}
