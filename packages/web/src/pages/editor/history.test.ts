import { describe, expect, it } from 'vitest';
import { COALESCE_MS, commit, createHistory, HISTORY_LIMIT, redo, undo } from './history.ts';
import type { Draft } from './types.ts';

const named = (name: string): Draft => ({ name, nodes: [] });

describe('draft history', () => {
  it('undoes and redoes, and a new edit drops the redo branch', () => {
    let h = createHistory(named('a'));
    h = commit(h, named('b'));
    h = commit(h, named('c'));
    h = undo(h);
    expect(h.present.name).toBe('b');
    h = undo(h);
    expect(h.present.name).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present.name).toBe('b');
    h = commit(h, named('d'));
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
  });

  it('coalesces quick edits of one field into one step', () => {
    let h = createHistory(named(''));
    h = commit(h, named('H'), { coalesceKey: 'name', now: 0 });
    h = commit(h, named('He'), { coalesceKey: 'name', now: 300 });
    h = commit(h, named('Hel'), { coalesceKey: 'name', now: 600 });
    expect(h.past).toHaveLength(1);
    h = commit(h, named('Hel!'), { coalesceKey: 'other', now: 700 });
    expect(h.past).toHaveLength(2);
    h = commit(h, named('Hel!!'), { coalesceKey: 'other', now: 700 + COALESCE_MS + 1 });
    expect(h.past).toHaveLength(3);
    expect(undo(undo(undo(h))).present.name).toBe('');
  });

  it('ignores an edit that changes nothing and keeps at most the limit', () => {
    let h = createHistory(named('0'));
    expect(commit(h, h.present)).toBe(h);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) h = commit(h, named(String(i)));
    expect(h.past).toHaveLength(HISTORY_LIMIT);
  });
});
