import { useId, useState } from 'react';
import { ApiError } from '../../api/errors.ts';
import { Modal } from '../../ui/Modal.tsx';
import { ProblemList } from '../../ui/states.tsx';
import type { RunActions } from './runActions.ts';

/** Parses JSON a person typed, with the parser’s message when it is not JSON. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function pretty(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2);
}

/**
 * “Re-run from here”: a dialog with the run input and the step's params as editable JSON, which
 * starts a new run from this step and opens it.
 */
export function RerunButton({
  actions,
  fromStepId,
  runInput,
  params,
}: {
  actions: RunActions;
  fromStepId: string;
  runInput: unknown;
  params: Record<string, unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState('');
  const [paramsText, setParamsText] = useState('');
  const [problem, setProblem] = useState<string>();
  const id = useId();
  const start = () => {
    setInput(pretty(runInput));
    setParamsText(pretty(params));
    setProblem(undefined);
    actions.rerun.reset();
    setOpen(true);
  };
  const submit = () => {
    const parsedInput = parseJson(input);
    if (!parsedInput.ok) return setProblem(`Run input is not valid JSON: ${parsedInput.message}`);
    const parsedParams = parseJson(paramsText);
    if (!parsedParams.ok) return setProblem(`Params are not valid JSON: ${parsedParams.message}`);
    const value = parsedParams.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return setProblem('Params must be a JSON object.');
    setProblem(undefined);
    actions.rerun.mutate({
      fromStepId,
      input: parsedInput.value as never,
      params: value as never,
    });
  };
  const failure = actions.rerun.error;
  return (
    <>
      <button type="button" onClick={start}>
        Re-run from here
      </button>
      <Modal title={`Re-run from ${fromStepId}`} open={open} onClose={() => setOpen(false)}>
        <form
          className="rerun-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <p className="muted">
            Starts a new run. Steps before <code>{fromStepId}</code> keep their outputs; it and everything after it run again.
          </p>
          <label className="field" htmlFor={`${id}-input`}>
            <span className="field-label">Run input (JSON)</span>
            <textarea id={`${id}-input`} className="code" rows={6} spellCheck={false} value={input} onChange={(e) => setInput(e.target.value)} />
          </label>
          <label className="field" htmlFor={`${id}-params`}>
            <span className="field-label">Params of {fromStepId} (JSON, merged over the node’s own)</span>
            <textarea id={`${id}-params`} className="code" rows={8} spellCheck={false} value={paramsText} onChange={(e) => setParamsText(e.target.value)} />
          </label>
          {problem && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
          {failure && (
            <div className="field-error" role="alert">
              <p>{failure.message}</p>
              {failure instanceof ApiError && <ProblemList problems={failure.problems} />}
            </div>
          )}
          <div className="modal-actions">
            <button type="button" onClick={() => setOpen(false)}>
              Close
            </button>
            <button type="submit" className="primary" disabled={actions.rerun.isPending}>
              {actions.rerun.isPending ? 'Starting…' : 'Start new run'}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}

interface ApprovalField {
  name: string;
  type?: string;
  label?: string;
  required?: boolean;
  options?: string[];
  default?: unknown;
}

/** What a waiting step waits for, as the engine stored it: `{ reason: { kind?, message, fields?, ports? } }`. */
function waitReason(waitingFor: unknown): { kind?: string; message?: string; fields: ApprovalField[] } {
  const reason = (waitingFor as { reason?: unknown } | undefined)?.reason;
  const r = typeof reason === 'object' && reason !== null ? (reason as Record<string, unknown>) : {};
  const fields = Array.isArray(r['fields'])
    ? (r['fields'] as unknown[]).filter((f): f is ApprovalField => typeof f === 'object' && f !== null && typeof (f as ApprovalField).name === 'string')
    : [];
  const result: { kind?: string; message?: string; fields: ApprovalField[] } = { fields };
  if (typeof r['kind'] === 'string') result.kind = r['kind'];
  if (typeof r['message'] === 'string') result.message = r['message'];
  return result;
}

/**
 * A step waiting on a person: an approval asks to approve or reject (with its form fields), any
 * other wait takes a JSON output and resumes.
 */
export function WaitPanel({
  actions,
  stepId,
  waitingFor,
  wakeAt,
}: {
  actions: RunActions;
  stepId: string;
  waitingFor: unknown;
  wakeAt: number | undefined;
}) {
  const reason = waitReason(waitingFor);
  const id = useId();
  const [values, setValues] = useState<Record<string, unknown>>(() =>
    Object.fromEntries(reason.fields.filter((f) => f.default !== undefined).map((f) => [f.name, f.default])),
  );
  const [outputText, setOutputText] = useState('{}');
  const [problem, setProblem] = useState<string>();
  const busy = actions.resume.isPending;
  const wake = wakeAt !== undefined && <p className="muted">Decides by itself at {new Date(wakeAt).toLocaleString()}.</p>;

  if (reason.kind === 'approval') {
    const decide = (port: 'approve' | 'reject') => {
      const missing = reason.fields.find((f) => f.required && port === 'approve' && (values[f.name] === undefined || values[f.name] === ''));
      if (missing) return setProblem(`${missing.label ?? missing.name} is required.`);
      setProblem(undefined);
      actions.resume.mutate({ stepId, port, output: { ...(values as Record<string, never>), approved: port === 'approve', decision: port } });
    };
    return (
      <section className="wait-panel" aria-label="Approval">
        <p className="wait-message">
          <span aria-hidden="true">‖ </span>
          {reason.message ?? 'Approve this step?'}
        </p>
        {wake}
        {reason.fields.map((field) => (
          <ApprovalInput key={field.name} id={`${id}-${field.name}`} field={field} value={values[field.name]} onChange={(v) => setValues({ ...values, [field.name]: v })} />
        ))}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="toolbar">
          <button type="button" className="primary" disabled={busy} onClick={() => decide('approve')}>
            Approve
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => decide('reject')}>
            Reject
          </button>
        </div>
      </section>
    );
  }

  const resume = () => {
    const parsed = parseJson(outputText);
    if (!parsed.ok) return setProblem(`Output is not valid JSON: ${parsed.message}`);
    setProblem(undefined);
    actions.resume.mutate({ stepId, output: parsed.value as never });
  };
  return (
    <section className="wait-panel" aria-label="Waiting step">
      <p className="wait-message">
        <span aria-hidden="true">‖ </span>
        {reason.message ?? 'This step waits to be resumed.'}
      </p>
      {wake}
      <label className="field" htmlFor={`${id}-output`}>
        <span className="field-label">Output (JSON): becomes the step’s output</span>
        <textarea id={`${id}-output`} className="code" rows={4} spellCheck={false} value={outputText} onChange={(e) => setOutputText(e.target.value)} />
      </label>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy} onClick={resume}>
          Resume
        </button>
      </div>
    </section>
  );
}

function ApprovalInput({ id, field, value, onChange }: { id: string; field: ApprovalField; value: unknown; onChange: (value: unknown) => void }) {
  const label = (
    <span className="field-label">
      {field.label ?? field.name}
      {field.required ? ' *' : ''}
    </span>
  );
  if (field.type === 'boolean') {
    return (
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {label}
      </label>
    );
  }
  if (field.type === 'select') {
    return (
      <label className="field" htmlFor={id}>
        {label}
        <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (field.type === 'text') {
    return (
      <label className="field" htmlFor={id}>
        {label}
        <textarea id={id} rows={3} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />
      </label>
    );
  }
  return (
    <label className="field" htmlFor={id}>
      {label}
      <input
        id={id}
        type={field.type === 'number' ? 'number' : 'text'}
        value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
        onChange={(e) => onChange(field.type === 'number' ? (e.target.value === '' ? undefined : Number(e.target.value)) : e.target.value)}
      />
    </label>
  );
}
