import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError } from '../../api/errors.ts';
import { keys } from '../../api/queries.ts';
import { Modal } from '../../ui/Modal.tsx';
import { ProblemList } from '../../ui/states.tsx';
import { errorText } from '../../ui/toasts.tsx';
import {
  copyOf,
  createWithFreeId,
  createWorkflow,
  definitionText,
  identityOf,
  isConflict,
  type CreatedWorkflow,
  type DefinitionText,
} from './createWorkflow.ts';
import { problemsOf } from './problems.ts';
import './forms.css';

/**
 * Imports a workflow from a .yaml/.yml/.json file or pasted text. The server checks it: every problem
 * it finds is listed with its path; an id that exists can be imported as a copy instead.
 */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (created: CreatedWorkflow) => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [readError, setReadError] = useState<string | undefined>(undefined);
  const client = useQueryClient();
  const ids = { file: useId(), text: useId(), help: useId() };
  const save = useMutation({
    mutationFn: ({ definition, asCopy }: { definition: DefinitionText; asCopy: boolean }) =>
      asCopy ? createWithFreeId(definition, copyOf(identityOf(definition)), { asIs: false }) : createWorkflow(definition),
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: keys.allWorkflows });
      onImported(created);
    },
  });
  const definition = definitionText(text, fileName);
  const submit = (asCopy: boolean) => save.mutate({ definition, asCopy });

  return (
    <Modal title="Import a workflow" open onClose={onClose}>
      <form
        className="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit(false);
        }}
      >
        <label className="field" htmlFor={ids.file}>
          <span className="field-label">File (.yaml, .yml or .json)</span>
          <input
            id={ids.file}
            type="file"
            accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setReadError(undefined);
              save.reset();
              file.text().then(
                (content) => {
                  setText(content);
                  setFileName(file.name);
                },
                (error: unknown) => setReadError(`Could not read ${file.name}: ${errorText(error)}`),
              );
            }}
          />
        </label>
        {readError && <p className="field-error">{readError}</p>}
        <div className="stack-field">
          <label className="field-label" htmlFor={ids.text}>
            Definition
          </label>
          <textarea
            id={ids.text}
            className="code import-text"
            rows={12}
            spellCheck={false}
            aria-describedby={ids.help}
            placeholder={'name: My workflow\nnodes:\n  - id: hello\n    type: llm\n    params: { prompt: Say hello }'}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(undefined);
            }}
          />
          <span className="field-help" id={ids.help}>
            Paste YAML or JSON, or choose a file above. Sent as {definition.type === 'application/json' ? 'JSON' : 'YAML'}.
          </span>
        </div>
        {save.isError && <ImportError error={save.error} onImportCopy={() => submit(true)} busy={save.isPending} />}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!text.trim() || save.isPending}>
            {save.isPending ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ImportError({ error, onImportCopy, busy }: { error: unknown; onImportCopy: () => void; busy: boolean }) {
  if (isConflict(error)) {
    const takenId = (error as ApiError & { details?: { workflowId?: unknown } }).details?.workflowId;
    return (
      <div className="form-error" role="alert">
        <p>
          <strong>{typeof takenId === 'string' ? `A workflow with the id “${takenId}” already exists.` : errorText(error)}</strong> Importing does not
          replace a workflow: open the existing one in the editor to save a new version, or import this definition as a copy
          (with a new id and webhook paths).
        </p>
        <button type="button" onClick={onImportCopy} disabled={busy}>
          Import as a copy
        </button>
      </div>
    );
  }
  const problems = problemsOf(error);
  return (
    <div className="form-error" role="alert">
      <p>
        <strong>{error instanceof ApiError && error.status === 400 ? 'The server found problems in this workflow:' : 'The import failed:'}</strong>
        {problems.length === 0 && ` ${errorText(error)}`}
      </p>
      <ProblemList problems={problems} />
    </div>
  );
}
