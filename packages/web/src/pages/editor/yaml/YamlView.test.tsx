import type { WorkflowInput } from '@weft/api';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { toYaml } from './yaml-sync.ts';
import { YamlView } from './YamlView.tsx';

const base: WorkflowInput = {
  name: 'Greet',
  nodes: [{ id: 'hello', type: 'llm', params: { prompt: 'Say hi to {{ input.name }}' } }],
  edges: [],
};

const textarea = () => screen.getByLabelText('Workflow YAML') as HTMLTextAreaElement;
/** Replaces the whole text as a paste would. */
const replaceText = (text: string) => fireEvent.change(textarea(), { target: { value: text } });

/** A parent that keeps the definition, like the editor page does. */
function Parent({ initial, onChange }: { initial: WorkflowInput; onChange: (next: WorkflowInput) => void }) {
  const [definition, setDefinition] = useState(initial);
  return (
    <>
      <button type="button" onClick={() => setDefinition((d) => ({ ...d, nodes: [...d.nodes, { id: 'added', type: 'transform', params: { value: 1 } }] }))}>
        Canvas adds a node
      </button>
      <YamlView
        definition={definition}
        onChange={(next) => {
          onChange(next);
          setDefinition(next);
        }}
      />
    </>
  );
}

describe('YamlView', () => {
  it('shows the definition as YAML with a line number per line', () => {
    const { container } = render(<YamlView definition={base} onChange={() => {}} />);
    expect(textarea().value).toBe(toYaml(base));
    const numbers = [...container.querySelectorAll('.yaml-view-gutter > div')].map((d) => d.textContent);
    expect(numbers).toEqual(toYaml(base).split('\n').map((_, i) => String(i + 1)));
  });

  it('sends valid edits up once typing pauses', async () => {
    const onChange = vi.fn();
    render(<Parent initial={base} onChange={onChange} />);
    replaceText(toYaml(base).replace('name: Greet', 'name: Greet everyone'));
    expect(onChange).not.toHaveBeenCalled();
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(onChange).toHaveBeenCalledWith({ ...base, name: 'Greet everyone' });
  });

  it('sends typed keystrokes as parsed workflow once they parse', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Parent initial={base} onChange={onChange} />);
    const field = textarea();
    field.focus();
    field.setSelectionRange(field.value.indexOf('Greet') + 5, field.value.indexOf('Greet') + 5);
    await user.keyboard('ings');
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(onChange.mock.lastCall?.[0]).toMatchObject({ name: 'Greetings' });
  });

  it('shows a parse error with its line, marks the line, and keeps the last good definition', async () => {
    const onChange = vi.fn();
    const { container } = render(<Parent initial={base} onChange={onChange} />);
    replaceText('name: Greet\nnodes:\n  - id: hello\n    type: [llm\n');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Line 5, column \d+: /);
    expect(textarea().getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('.yaml-view-gutter .error')?.textContent).toBe('5');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(onChange).not.toHaveBeenCalled();
    // Not a workflow: said plainly, still nothing sent.
    replaceText('- just\n- a list\n');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/is a list/));
    expect(onChange).not.toHaveBeenCalled();
    // Fixing it clears the error and sends the workflow.
    replaceText(toYaml(base).replace('Greet', 'Fixed'));
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('rewrites the text when the definition changes from outside', async () => {
    const user = userEvent.setup();
    render(<Parent initial={base} onChange={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Canvas adds a node' }));
    expect(textarea().value).toContain('  - id: added\n    type: transform');
  });

  it('keeps the user’s text (comments, caret) when its own edit comes back as the definition', async () => {
    const onChange = vi.fn();
    render(<Parent initial={base} onChange={onChange} />);
    const edited = `# my notes\n${toYaml(base).replace('name: Greet', 'name: Hi')}`;
    replaceText(edited);
    textarea().focus();
    textarea().setSelectionRange(5, 5);
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(textarea().value).toBe(edited);
    expect(textarea().selectionStart).toBe(5);
  });

  it('indents with Tab, outdents with Shift+Tab, and lets Tab leave after Escape', async () => {
    const user = userEvent.setup();
    render(
      <>
        <YamlView definition={base} onChange={() => {}} />
        <button type="button">after</button>
      </>,
    );
    const field = textarea();
    field.focus();
    field.setSelectionRange(0, 0);
    await user.keyboard('{Tab}');
    expect(field.value.startsWith('  name: Greet')).toBe(true);
    expect(field.selectionStart).toBe(2);
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(field.value.startsWith('name: Greet')).toBe(true);
    await user.keyboard('{Escape}{Tab}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'after' }));
  });

  it('lists server problems with the line they point at', async () => {
    const user = userEvent.setup();
    render(<YamlView definition={base} onChange={() => {}} problems={[{ path: 'nodes[0].params.prompt', message: 'unknown variable' }]} />);
    const problems = screen.getByRole('region', { name: 'Problems found by the server' });
    expect(problems.textContent).toContain('nodes[0].params.prompt unknown variable');
    const lineNumber = toYaml(base).split('\n').findIndex((l) => l.includes('prompt:')) + 1;
    await user.click(screen.getByRole('button', { name: `Line ${lineNumber}` }));
    const field = textarea();
    expect(document.activeElement).toBe(field);
    expect(field.value.slice(field.selectionStart, field.selectionEnd)).toContain('prompt: Say hi');
  });

  it('sends an edit still waiting for the pause when it goes away', () => {
    const onChange = vi.fn();
    const { unmount } = render(<YamlView definition={base} onChange={onChange} />);
    replaceText(toYaml(base).replace('Greet', 'Bye'));
    act(() => unmount());
    expect(onChange).toHaveBeenCalledWith({ ...base, name: 'Bye' });
  });
});
