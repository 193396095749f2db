import type { WorkflowInput } from '@weft/api';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { fromYaml, lineOfPath, sameWorkflow, toYaml, type YamlError } from './yaml-sync.ts';
import './YamlView.css';

/** How long typing pauses before the text is parsed and sent up. */
const PARSE_DELAY_MS = 300;
const INDENT = '  ';

export interface YamlViewProps {
  definition: WorkflowInput;
  /** Called with each edit that parses (debounced), never with text that does not. */
  onChange(next: WorkflowInput): void;
  /** The server's validation problems (`nodes[1].params.url`), listed with their line. */
  problems?: Array<{ path: string; message: string }>;
}

/**
 * The workflow as editable YAML, kept in step with the canvas both ways: edits that parse go up after a
 * short pause; a definition changed elsewhere rewrites the text unless the text already says the same
 * (so the echo of the user's own edit never moves the caret or drops their comments).
 */
export function YamlView({ definition, onChange, problems = [] }: YamlViewProps) {
  const id = useId();
  const [text, setText] = useState(() => toYaml(definition));
  const [error, setError] = useState<YamlError | null>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  // Refs the timers and effects read, so they always see the latest values.
  const latest = useRef({ text, definition, onChange });
  latest.current = { text, definition, onChange };
  /** The last definition this view sent up: when it comes back as a prop, nothing needs doing. */
  const sent = useRef<WorkflowInput | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef(false);
  const caretToRestore = useRef<{ start: number; end: number } | null>(null);
  /** After Escape, Tab leaves the field instead of indenting (no keyboard trap). */
  const tabLeaves = useRef(false);

  function commit() {
    clearTimeout(timer.current);
    pending.current = false;
    const { text: current, definition: shown, onChange: send } = latest.current;
    const result = fromYaml(current);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    if (sameWorkflow(result.definition, shown)) return;
    sent.current = result.definition;
    send(result.definition);
  }

  function edit(next: string) {
    setText(next);
    latest.current.text = next;
    pending.current = true;
    clearTimeout(timer.current);
    timer.current = setTimeout(commit, PARSE_DELAY_MS);
  }

  // A definition changed elsewhere (canvas, undo): rewrite the text when it says something else.
  useEffect(() => {
    if (sent.current && sameWorkflow(definition, sent.current)) return;
    const parsed = fromYaml(latest.current.text);
    if (parsed.ok && sameWorkflow(parsed.definition, definition)) return;
    clearTimeout(timer.current);
    pending.current = false;
    sent.current = null;
    const field = fieldRef.current;
    if (field && document.activeElement === field) caretToRestore.current = { start: field.selectionStart, end: field.selectionEnd };
    const next = toYaml(definition);
    latest.current.text = next;
    setText(next);
    setError(null);
  }, [definition]);

  // Edits still waiting for the pause are not lost when the view goes away (commit reads refs only).
  useEffect(
    () => () => {
      if (pending.current) commit();
    },
    [],
  );

  useLayoutEffect(() => {
    const field = fieldRef.current;
    const caret = caretToRestore.current;
    if (!field || !caret) return;
    caretToRestore.current = null;
    field.setSelectionRange(Math.min(caret.start, text.length), Math.min(caret.end, text.length));
  }, [text]);

  function insert(field: HTMLTextAreaElement, from: number, to: number, replacement: string, caret: number) {
    edit(field.value.slice(0, from) + replacement + field.value.slice(to));
    caretToRestore.current = { start: caret, end: caret };
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const field = event.currentTarget;
    if (event.key === 'Escape') {
      tabLeaves.current = true;
      return;
    }
    const leave = tabLeaves.current;
    tabLeaves.current = false;
    if (event.key !== 'Tab' || leave || event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    const { selectionStart: start, selectionEnd: end, value } = field;
    if (!event.shiftKey) {
      insert(field, start, end, INDENT, start + INDENT.length);
      return;
    }
    // Shift+Tab takes up to one indent off the caret's line.
    const lineStart = value.lastIndexOf('\n', start - 1) + 1;
    const removable = /^ {1,2}/.exec(value.slice(lineStart))?.[0].length ?? 0;
    if (removable > 0) insert(field, lineStart, lineStart + removable, '', Math.max(lineStart, start - removable));
  }

  function goToLine(line: number) {
    const field = fieldRef.current;
    if (!field) return;
    const lines = text.split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    field.focus();
    field.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  }

  const lineCount = text.split('\n').length;
  const problemLines = useMemo(() => problems.map((p) => lineOfPath(text, p.path)), [problems, text]);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;

  return (
    <div className="yaml-view">
      <div className="yaml-view-header">
        <label htmlFor={id} className="field-label">
          Workflow YAML
        </label>
        <span id={helpId} className="field-help">
          Changes apply when the YAML parses. Tab indents; Esc then Tab leaves the editor.
        </span>
      </div>
      <div className={`yaml-view-editor${error ? ' invalid' : ''}`}>
        <div className="yaml-view-gutter" ref={gutterRef} aria-hidden="true">
          {Array.from({ length: lineCount }, (_, i) => (
            <div key={i} className={error?.line === i + 1 ? 'error' : undefined}>
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          id={id}
          ref={fieldRef}
          className="yaml-view-text"
          value={text}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-describedby={error ? `${helpId} ${errorId}` : helpId}
          aria-invalid={error ? true : undefined}
          onChange={(event) => edit(event.target.value)}
          onKeyDown={handleKeyDown}
          onBlur={() => pending.current && commit()}
          onScroll={(event) => {
            if (gutterRef.current) gutterRef.current.scrollTop = event.currentTarget.scrollTop;
          }}
        />
      </div>
      {error && (
        <div id={errorId} className="yaml-view-error" role="alert">
          <strong>
            {error.line !== undefined ? `Line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''}: ` : ''}
          </strong>
          {error.message} <span className="muted">(the last valid version is kept)</span>
        </div>
      )}
      {problems.length > 0 && (
        <section className="yaml-view-problems" aria-label="Problems found by the server">
          <h3>Problems</h3>
          <ul className="problems">
            {problems.map((problem, index) => {
              const line = problemLines[index];
              return (
                <li key={index}>
                  {line !== undefined && (
                    <button type="button" className="small ghost" onClick={() => goToLine(line)}>
                      Line {line}
                    </button>
                  )}{' '}
                  {problem.path && <code>{problem.path}</code>} {problem.message}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
