import { useState } from 'react';

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

/**
 * A JSON text area for values no dedicated control renders well (records, lists of objects, anything).
 * Each edit that parses is sent up; one that does not keeps the last good value and says why.
 */
export function JsonField(props: {
  id: string;
  value: unknown;
  onChange(next: unknown): void;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
}) {
  const { id, value, onChange } = props;
  const [text, setText] = useState(() => show(value));
  const [error, setError] = useState<string | null>(null);
  // The value this text stands for: when the value changes from outside (YAML, undo), the text follows.
  const [shown, setShown] = useState(() => show(value));
  if (show(value) !== shown) {
    setShown(show(value));
    setText(show(value));
    setError(null);
  }

  function edit(next: string) {
    setText(next);
    if (next.trim() === '') {
      setError(null);
      setShown('');
      onChange(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      setError(null);
      setShown(show(parsed));
      onChange(parsed);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : String(problem));
    }
  }

  const errorId = `${id}-json-error`;
  const describedBy = [props.describedBy, error ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <>
      <textarea
        id={id}
        className="code sf-json"
        value={text}
        rows={Math.min(14, Math.max(3, text.split('\n').length))}
        placeholder={props.placeholder}
        spellCheck={false}
        aria-describedby={describedBy}
        aria-invalid={props.invalid || error !== null || undefined}
        onChange={(event) => edit(event.target.value)}
      />
      {error && (
        <div id={errorId} className="field-error">
          Not valid JSON (the last valid value is kept): {error}
        </div>
      )}
    </>
  );
}
