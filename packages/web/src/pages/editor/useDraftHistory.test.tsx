import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Draft } from './types.ts';
import { useDraftHistory } from './useDraftHistory.ts';

const named = (name: string): Draft => ({ name, nodes: [] });

describe('useDraftHistory with saved versions', () => {
  it('opens an older version as one undoable edit, and knows which version the draft comes from', () => {
    const { result } = renderHook(() => useDraftHistory(() => named('second'), 2));
    expect(result.current.basedOn).toBe(2);
    act(() => result.current.edit((d) => ({ ...d, name: 'second, edited' })));
    expect(result.current.basedOn).toBe(2);

    act(() => result.current.load(named('first'), 1));
    expect(result.current.draft.name).toBe('first');
    expect(result.current.basedOn).toBe(1);
    act(() => result.current.edit((d) => ({ ...d, name: 'first, edited' })));
    expect(result.current.basedOn).toBe(1);

    act(() => result.current.undo());
    act(() => result.current.undo());
    expect(result.current.draft.name).toBe('second, edited');
    expect(result.current.basedOn).toBe(2);
    act(() => result.current.redo());
    expect(result.current.basedOn).toBe(1);

    // Saved again: the draft is now the latest version.
    act(() => result.current.markSaved(result.current.draft, 3));
    expect(result.current.basedOn).toBe(3);
  });
});
