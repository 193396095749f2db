import { useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { TemplateCompletions } from '../schema-form/completions.ts';
import {
  acceptSuggestion,
  completionContext,
  splitTemplate,
  suggestionsFor,
  type Suggestion,
} from './template-text.ts';
import './TemplateInput.css';

export interface TemplateInputProps {
  id: string;
  value: string;
  onChange(next: string): void;
  completions: TemplateCompletions;
  /** A growing text area (prompts, code, bodies) instead of a one-line input. */
  multiline?: boolean;
  placeholder?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  /** Accessible name, for when no `<label htmlFor={id}>` names the field. */
  label?: string;
}

interface Menu {
  items: Suggestion[];
  active: number;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Keys that move the caret away from what the list was offered for. */
const CARET_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * A text field that highlights `{{ … }}` expressions and completes them: typing `{{` (or `.` inside one),
 * or Ctrl+Space inside one, lists `input`, `steps.<id>`, `state` and the keys below them.
 *
 * The highlighting is a mirror layer with the same text and metrics behind the field, whose own text is
 * transparent: the field stays a native input (caret, selection, undo, spell check, IME all work).
 */
export function TemplateInput(props: TemplateInputProps) {
  const { id, value, onChange, completions, multiline = false, placeholder, label } = props;
  const fieldRef = useRef<Field | null>(null);
  const mirrorRef = useRef<HTMLDivElement>(null);
  const caretAfterRender = useRef<number | null>(null);
  const [menu, setMenu] = useState<Menu | null>(null);
  const listId = `${id}-completions`;
  const optionId = (index: number) => `${listId}-${index}`;

  useLayoutEffect(() => {
    const field = fieldRef.current;
    if (!field) return;
    if (caretAfterRender.current !== null) {
      field.setSelectionRange(caretAfterRender.current, caretAfterRender.current);
      caretAfterRender.current = null;
    }
    if (multiline) growToFit(field);
    syncScrollSoon();
  });

  useLayoutEffect(() => {
    if (menu) document.getElementById(optionId(menu.active))?.scrollIntoView?.({ block: 'nearest' });
  });

  function syncScroll() {
    const field = fieldRef.current;
    const mirror = mirrorRef.current;
    if (!field || !mirror) return;
    mirror.scrollTop = field.scrollTop;
    mirror.scrollLeft = field.scrollLeft;
  }

  /** A one-line input scrolls to the caret after the event, without a scroll event: sync again next frame. */
  function syncScrollSoon() {
    syncScroll();
    requestAnimationFrame(syncScroll);
  }

  /** Opens (or refreshes) the list for the caret's expression; closes it when there is nothing to offer. */
  function showMenu(text: string, caret: number) {
    const context = completionContext(text, caret);
    const items = context ? suggestionsFor(context.token, completions) : [];
    setMenu(items.length > 0 ? { items, active: 0 } : null);
  }

  function handleChange(event: ChangeEvent<Field>) {
    const text = event.target.value;
    const caret = event.target.selectionStart ?? text.length;
    onChange(text);
    const typed = text.length > value.length ? text.slice(caret - 1, caret) : '';
    const opens = text.slice(caret - 2, caret) === '{{' || (typed === '.' && completionContext(text, caret) !== undefined);
    if (menu || (typed && opens)) showMenu(text, caret);
  }

  function accept(suggestion: Suggestion) {
    const field = fieldRef.current;
    if (!menu || !field) return;
    const caret = field.selectionStart ?? value.length;
    const context = completionContext(value, caret);
    setMenu(null);
    if (!context) return;
    const next = acceptSuggestion(value, caret, context, suggestion.value);
    caretAfterRender.current = next.caret;
    onChange(next.text);
  }

  function handleKeyDown(event: KeyboardEvent<Field>) {
    const field = event.currentTarget;
    if (event.ctrlKey && (event.key === ' ' || event.code === 'Space')) {
      event.preventDefault();
      showMenu(field.value, field.selectionStart ?? field.value.length);
      return;
    }
    if (!menu) return;
    const count = menu.items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setMenu({ ...menu, active: (menu.active + step + count) % count });
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      const chosen = menu.items[menu.active];
      if (!chosen) return;
      event.preventDefault();
      accept(chosen);
    } else if (event.key === 'Escape') {
      // Closing the list must not also close a dialog the field is in.
      event.preventDefault();
      event.stopPropagation();
      setMenu(null);
    } else if (CARET_KEYS.has(event.key)) {
      setMenu(null);
    }
  }

  const fieldProps = {
    id,
    value,
    placeholder,
    className: 'template-input-field',
    autoComplete: 'off',
    'aria-label': label,
    'aria-describedby': props['aria-describedby'],
    'aria-invalid': props['aria-invalid'] || undefined,
    'aria-autocomplete': 'list' as const,
    'aria-controls': menu ? listId : undefined,
    'aria-activedescendant': menu ? optionId(menu.active) : undefined,
    onChange: handleChange,
    onKeyDown: handleKeyDown,
    onScroll: syncScroll,
    onSelect: syncScrollSoon,
    onKeyUp: syncScrollSoon,
    onBlur: () => setMenu(null),
  };

  return (
    <div className={`template-input${multiline ? ' multiline' : ''}`}>
      <div className="template-input-mirror" ref={mirrorRef} aria-hidden="true">
        {splitTemplate(value).map((piece, index) =>
          piece.expression ? (
            <span key={index} className="template-expr">
              {piece.text}
            </span>
          ) : (
            piece.text
          ),
        )}
        {/* A trailing newline only takes up a line in the mirror when something follows it, and a one-line
            input scrolls a little past its last character: a space lets the mirror do the same. */}
        {value.endsWith('\n') || !multiline ? ' ' : null}
      </div>
      {multiline ? (
        <textarea {...fieldProps} ref={(el) => void (fieldRef.current = el)} rows={3} />
      ) : (
        <input {...fieldProps} ref={(el) => void (fieldRef.current = el)} type="text" role="combobox" aria-expanded={Boolean(menu)} />
      )}
      {menu && (
        <ul className="template-input-menu" role="listbox" id={listId} aria-label="Template suggestions">
          {menu.items.map((item, index) => (
            <li
              key={item.value}
              id={optionId(index)}
              role="option"
              aria-selected={index === menu.active}
              className={index === menu.active ? 'active' : undefined}
              // mousedown would blur the field (closing the list) before the click lands.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => accept(item)}
            >
              <code>{item.value}</code> <span className="template-input-hint">{item.hint}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Lets a text area grow with its text (up to the CSS max-height, then it scrolls). */
function growToFit(field: Field) {
  field.style.height = 'auto';
  if (field.scrollHeight > 0) field.style.height = `${field.scrollHeight + field.offsetHeight - field.clientHeight}px`;
}
