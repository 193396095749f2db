import type { RunEventMessage } from '@weft/api';
import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { foldEvents, initialLiveState } from './liveState.ts';
import { Timeline } from './Timeline.tsx';

function chain(steps: number): RunEventMessage[] {
  const events: RunEventMessage[] = [];
  const push = (type: RunEventMessage['type'], stepId?: string, data: RunEventMessage['data'] = {}) =>
    events.push({ runId: 'r', seq: events.length + 1, type, at: 1000 + events.length * 10, data, ...(stepId ? { stepId } : {}) });
  push('run.created', undefined, { workflowId: 'w', version: 1 });
  for (let i = 0; i < steps; i++) {
    push('step.started', `s${i}`, { nodeId: `s${i}` });
    push('llm.token', `s${i}`, { text: 'hello' });
    push('step.succeeded', `s${i}`, { nodeId: `s${i}` });
  }
  return events;
}

describe('Timeline', () => {
  it('shows the latest 200 lines of a long run, all of them on request, and one step’s when filtered', async () => {
    const state = foldEvents(initialLiveState, chain(100));
    const onSelectStep = vi.fn();
    render(<Timeline entries={state.timeline} startedAt={1000} onSelectStep={onSelectStep} />);
    const list = screen.getByRole('list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(200);
    expect(screen.getByText(/101 earlier lines hidden/)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Show all 301' }));
    expect(within(screen.getByRole('list')).getAllByRole('listitem')).toHaveLength(301);

    await userEvent.selectOptions(screen.getByLabelText('Step'), 's7');
    const rows = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('step.started'),
      expect.stringContaining('streamed 5 chars'),
      expect.stringContaining('step.succeeded'),
    ]);
    await userEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: 'Select step s7' }));
    expect(onSelectStep).toHaveBeenCalledWith('s7');
  });
});
