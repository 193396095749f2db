import { fireEvent, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { TemplateCompletions } from '../schema-form/completions.ts';
import { TemplateInput } from './TemplateInput.tsx';
import { acceptSuggestion, completionContext, splitTemplate, suggestionsFor } from './template-text.ts';

const completions: TemplateCompletions = { stepIds: ['draft', 'fetch-data'], inputKeys: ['topic', 'tone'], stateKeys: ['count'] };

function Controlled({ initial = '', multiline = false, onValue }: { initial?: string; multiline?: boolean; onValue?: (v: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <label htmlFor="f">Prompt</label>
      <TemplateInput
        id="f"
        value={value}
        multiline={multiline}
        completions={completions}
        onChange={(next) => {
          setValue(next);
          onValue?.(next);
        }}
      />
    </>
  );
}

const field = () => screen.getByLabelText('Prompt') as HTMLInputElement | HTMLTextAreaElement;
const optionTexts = () => screen.getAllByRole('option').map((o) => o.querySelector('code')?.textContent);

describe('template text', () => {
  it('splits text into literal and expression pieces, an unclosed expression running to the end', () => {
    expect(splitTemplate('Hi {{ input.name }}! {{ steps')).toEqual([
      { text: 'Hi ', expression: false },
      { text: '{{ input.name }}', expression: true },
      { text: '! ', expression: false },
      { text: '{{ steps', expression: true },
    ]);
  });

  it('finds the path typed inside an open expression and nothing outside one', () => {
    expect(completionContext('a {{ steps.dr', 13)).toEqual({ from: 5, token: 'steps.dr' });
    expect(completionContext('a {{ x }} b', 11)).toBeUndefined();
  });

  it('suggests keys below input., state. and steps.<id>., quoting ids that are not identifiers', () => {
    expect(suggestionsFor('input.', completions).map((s) => s.value)).toEqual(['input.topic', 'input.tone']);
    expect(suggestionsFor('state.', completions).map((s) => s.value)).toEqual(['state.count']);
    expect(suggestionsFor('steps.draft.', completions).map((s) => s.value)).toEqual(['steps.draft.output']);
    expect(suggestionsFor('fetch', completions).map((s) => s.value)).toEqual(['steps["fetch-data"]']);
  });

  it('closes the expression only when it is not closed already', () => {
    expect(acceptSuggestion('{{', 2, { from: 2, token: '' }, 'input')).toEqual({ text: '{{ input }}', caret: 8 });
    expect(acceptSuggestion('{{ in }} x', 5, { from: 3, token: 'in' }, 'input')).toEqual({ text: '{{ input }} x', caret: 8 });
  });
});

describe('TemplateInput', () => {
  it('highlights each {{ }} expression in the mirror layer', () => {
    const { container } = render(<Controlled multiline initial="Write about {{ input.topic }} for {{ steps.draft.output }}." />);
    const highlighted = [...container.querySelectorAll('.template-expr')].map((el) => el.textContent);
    expect(highlighted).toEqual(['{{ input.topic }}', '{{ steps.draft.output }}']);
    expect(container.querySelector('.template-input-mirror')?.textContent).toBe(field().value);
  });

  it('opens the completion list on {{ with input, every step and state', async () => {
    const user = userEvent.setup();
    render(<Controlled />);
    await user.type(field(), 'Hi {{{{');
    const listbox = screen.getByRole('listbox');
    expect(optionTexts()).toEqual(['input', 'steps.draft', 'steps["fetch-data"]', 'state']);
    expect(field().getAttribute('aria-controls')).toBe(listbox.id);
    expect(field().getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]?.id);
  });

  it('filters as you type and inserts the chosen path with Enter, closing the braces', async () => {
    const user = userEvent.setup();
    const onValue = vi.fn();
    render(<Controlled onValue={onValue} />);
    await user.type(field(), '{{{{ dra');
    expect(optionTexts()).toEqual(['steps.draft']);
    await user.keyboard('{Enter}');
    expect(field().value).toBe('{{ steps.draft }}');
    expect(screen.queryByRole('listbox')).toBeNull();
    // The caret sits after the path: typing `.` offers the step's output.
    await user.keyboard('.');
    expect(optionTexts()).toEqual(['steps.draft.output']);
    await user.keyboard('{Tab}');
    expect(field().value).toBe('{{ steps.draft.output }}');
    expect(onValue).toHaveBeenLastCalledWith('{{ steps.draft.output }}');
  });

  it('moves through the options with the arrow keys and closes with Escape', async () => {
    const user = userEvent.setup();
    render(<Controlled multiline />);
    await user.type(field(), 'x {{{{');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const options = screen.getAllByRole('option');
    expect(options[2]?.getAttribute('aria-selected')).toBe('true');
    expect(field().getAttribute('aria-activedescendant')).toBe(options[2]?.id);
    await user.keyboard('{ArrowUp}{Enter}');
    expect(field().value).toBe('x {{ steps.draft }}');
    await user.type(field(), ' {{{{');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('opens on Ctrl+Space inside an existing expression and offers input keys', async () => {
    const user = userEvent.setup();
    render(<Controlled initial="{{ input. }}" />);
    const input = field();
    input.focus();
    input.setSelectionRange(9, 9);
    fireEvent.keyDown(input, { key: ' ', code: 'Space', ctrlKey: true });
    expect(optionTexts()).toEqual(['input.topic', 'input.tone']);
    await user.click(screen.getByText('input.tone'));
    expect(input.value).toBe('{{ input.tone }}');
  });

  it('does not offer completions outside an expression', async () => {
    const user = userEvent.setup();
    render(<Controlled initial="plain" />);
    await user.click(field());
    fireEvent.keyDown(field(), { key: ' ', code: 'Space', ctrlKey: true });
    await user.type(field(), ' text.');
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});
