import { useId, useState } from 'react';
import { Modal } from '../../ui/Modal.tsx';
import { parseRunInput } from './json-input.ts';

/** Asks for a run's input (JSON, or plain text sent as a string) and an optional model override. */
export function RunDialog(props: {
  open: boolean;
  dirty: boolean;
  onClose(): void;
  onStart(options: { input: unknown; model: string | undefined }): Promise<void>;
}) {
  const [text, setText] = useState('');
  const [model, setModel] = useState('');
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const modelId = useId();
  const helpId = useId();
  const parsed = parseRunInput(text);
  return (
    <Modal title="Run workflow" open={props.open} onClose={props.onClose}>
      <form
        className="run-form"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void props.onStart({ input: parsed.input, model: model.trim() || undefined }).finally(() => setBusy(false));
        }}
      >
        <div className="stack-field">
          <label className="field-label" htmlFor={inputId}>
            Run input
          </label>
          <textarea
            id={inputId}
            className="code"
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder='{"topic": "tides"}'
            aria-describedby={helpId}
            spellCheck={false}
          />
          <span id={helpId} className="field-help">
            {parsed.asText
              ? 'Not JSON: it is sent as a plain string.'
              : 'JSON (an object, a list, a number…). Plain text that is not JSON is sent as a string.'}
          </span>
        </div>
        <div className="stack-field">
          <label className="field-label" htmlFor={modelId}>
            Model override (optional)
          </label>
          <input id={modelId} className="mono" value={model} onChange={(e) => setModel(e.target.value)} placeholder="openai:gpt-4o-mini" />
          <span className="field-help">Replaces the model of every node for this run.</span>
        </div>
        {props.dirty && <p className="muted">Unsaved changes are saved first, as a new version.</p>}
        <div className="modal-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy && <span className="spinner" aria-hidden="true" />}
            Start run
          </button>
        </div>
      </form>
    </Modal>
  );
}
