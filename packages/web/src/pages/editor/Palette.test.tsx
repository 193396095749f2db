import { fireEvent, render, screen, within } from '@testing-library/react';
import { computeAccessibleName } from 'dom-accessibility-api';
import { describe, expect, it, vi } from 'vitest';
import { Palette } from './Palette.tsx';
import type { NodeTypeInfo } from './types.ts';

const type = (t: string, title: string, category: string, description = ''): NodeTypeInfo => ({
  type: t,
  version: 1,
  category,
  title,
  description,
  paramsSchema: {},
  outputs: ['out'],
  dynamicOutputs: false,
  errorPort: 'error',
  rawParams: [],
});

const types = [
  type('http', 'HTTP request', 'io', 'Calls a URL'),
  type('llm', 'LLM prompt', 'ai', 'Sends a prompt to a model'),
  type('if', 'If', 'flow'),
  type('agent', 'Agent', 'ai'),
];

describe('Palette', () => {
  it('groups node types by category, AI first', () => {
    render(<Palette types={types} onAdd={() => {}} />);
    const groups = screen.getAllByRole('region');
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['AI', 'Flow', 'Input & output']);
    const names = within(groups[0] as HTMLElement).getAllByRole('button').map((b) => computeAccessibleName(b));
    expect(names).toEqual(['Add LLM prompt', 'Add Agent']);
  });

  it('adds on click, is draggable, and filters by search', () => {
    const onAdd = vi.fn();
    render(<Palette types={types} onAdd={onAdd} />);
    const llm = screen.getByRole('button', { name: 'Add LLM prompt' });
    expect(llm.getAttribute('data-testid')).toBe('palette-llm');
    expect(llm.getAttribute('draggable')).toBe('true');
    fireEvent.click(llm);
    expect(onAdd).toHaveBeenCalledWith('llm');
    fireEvent.change(screen.getByLabelText('Search node types'), { target: { value: 'url' } });
    expect(screen.getAllByRole('button').map((b) => computeAccessibleName(b))).toEqual(['Add HTTP request']);
    fireEvent.change(screen.getByLabelText('Search node types'), { target: { value: 'nothing like it' } });
    expect(screen.getByText(/No node type matches/)).toBeTruthy();
  });
});
