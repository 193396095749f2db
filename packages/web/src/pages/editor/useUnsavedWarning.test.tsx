import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useUnsavedWarning } from './useEditorShortcuts.ts';

function Page({ dirty, onNavigate }: { dirty: boolean; onNavigate: () => void }) {
  useUnsavedWarning(dirty);
  return (
    <a
      href="/runs"
      onClick={(e) => {
        e.preventDefault();
        onNavigate();
      }}
    >
      Runs
    </a>
  );
}

describe('leaving the editor with unsaved changes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks first, and stays when the answer is no', () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const onNavigate = vi.fn();
    render(<Page dirty onNavigate={onNavigate} />);
    fireEvent.click(screen.getByRole('link', { name: 'Runs' }));
    expect(confirm).toHaveBeenCalledOnce();
    expect(onNavigate).not.toHaveBeenCalled();
  });

  it('leaves when the answer is yes, and does not ask when everything is saved', () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const onNavigate = vi.fn();
    const { rerender } = render(<Page dirty onNavigate={onNavigate} />);
    fireEvent.click(screen.getByRole('link', { name: 'Runs' }));
    expect(onNavigate).toHaveBeenCalledOnce();
    rerender(<Page dirty={false} onNavigate={onNavigate} />);
    fireEvent.click(screen.getByRole('link', { name: 'Runs' }));
    expect(confirm).toHaveBeenCalledOnce();
    expect(onNavigate).toHaveBeenCalledTimes(2);
  });
});
