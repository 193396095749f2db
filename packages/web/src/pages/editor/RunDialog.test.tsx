import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RunDialog } from './RunDialog.tsx';

describe('RunDialog', () => {
  it('starts a run with JSON input, or plain text as a string, and a model override', async () => {
    const onStart = vi.fn(() => Promise.resolve());
    render(<RunDialog open dirty onClose={() => {}} onStart={onStart} />);
    expect(screen.getByText(/saved first/)).toBeTruthy();
    const input = screen.getByLabelText('Run input');
    fireEvent.change(input, { target: { value: 'just words' } });
    expect(screen.getByText('Not JSON: it is sent as a plain string.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Model override (optional)'), { target: { value: 'openai:gpt-4o' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    await waitFor(() => expect(onStart).toHaveBeenCalledWith({ input: 'just words', model: 'openai:gpt-4o' }));
    fireEvent.change(input, { target: { value: '{"topic": "tides"}' } });
    fireEvent.change(screen.getByLabelText('Model override (optional)'), { target: { value: ' ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start run' }));
    await waitFor(() => expect(onStart).toHaveBeenLastCalledWith({ input: { topic: 'tides' }, model: undefined }));
  });
});
