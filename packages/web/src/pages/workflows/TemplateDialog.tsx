import { useLocation } from 'wouter';
import { useTemplates } from '../../api/queries.ts';
import { Modal } from '../../ui/Modal.tsx';
import { ErrorState, Loading, ProblemList } from '../../ui/states.tsx';
import { errorText } from '../../ui/toasts.tsx';
import { problemsOf } from './problems.ts';
import { TriggerChips } from './TriggerChips.tsx';
import { useCreateFromTemplate } from './useCreateFromTemplate.ts';
import './forms.css';

/** Lists the templates (the project's examples); choosing one creates a workflow and opens it. */
export function TemplateDialog({ onClose }: { onClose: () => void }) {
  const templates = useTemplates();
  const [, navigate] = useLocation();
  const create = useCreateFromTemplate((created) => navigate(`/workflows/${encodeURIComponent(created.workflow.id)}`));
  return (
    <Modal title="Start from a template" open onClose={onClose}>
      {templates.isPending ? (
        <Loading label="Loading templates…" />
      ) : templates.isError ? (
        <ErrorState error={templates.error} retry={() => void templates.refetch()} />
      ) : templates.data.templates.length === 0 ? (
        <p className="muted">This server offers no templates.</p>
      ) : (
        <ul className="template-list" aria-label="Templates">
          {templates.data.templates.map((t) => (
            <li key={t.id} className="template-item">
              <div className="template-text">
                <strong>{t.name}</strong>
                {t.description && <p className="muted">{t.description}</p>}
                <TriggerChips triggers={t.triggers} />
              </div>
              <button
                type="button"
                className="primary small"
                disabled={create.isPending}
                aria-label={`Use template ${t.name}`}
                onClick={() => create.mutate(t)}
              >
                {create.isPending && create.variables.id === t.id ? 'Creating…' : 'Use'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {create.isError && (
        <div className="field-error" role="alert">
          <p>Could not create the workflow: {errorText(create.error)}</p>
          <ProblemList problems={problemsOf(create.error)} />
        </div>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
