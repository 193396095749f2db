import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { TemplateDialog } from './TemplateDialog.tsx';
import { useWorkflowActions } from './useWorkflowActions.ts';
import { useUrlSearch } from './useUrlSearch.ts';
import { useWorkflowList, type WorkflowSummary } from './useWorkflowList.ts';
import { WorkflowTable } from './WorkflowTable.tsx';
import './workflows.css';
import './forms.css';

type Dialog = { kind: 'template' } | { kind: 'import' } | { kind: 'delete'; workflow: WorkflowSummary } | undefined;

/** Every workflow, searchable (the search stays in the URL as `?q=`), with what can be done to each. */
export function WorkflowsPage() {
  const [typed, setTyped, search] = useUrlSearch();
  const [dialog, setDialog] = useState<Dialog>(undefined);
  const [, navigate] = useLocation();
  const toast = useToast();
  const actions = useWorkflowActions();
  const list = useWorkflowList(search);

  const close = () => setDialog(undefined);
  const newButtons = (
    <>
      <Link href="/workflows/new" className="button primary">
        New workflow
      </Link>
      <button type="button" onClick={() => setDialog({ kind: 'template' })}>
        From template
      </button>
    </>
  );

  return (
    <div className="page workflows-page">
      <header className="page-header">
        <h1>Workflows</h1>
        <div className="toolbar">
          {newButtons}
          <button type="button" onClick={() => setDialog({ kind: 'import' })}>
            Import
          </button>
        </div>
      </header>
      <div className="workflow-search" role="search">
        <label htmlFor="workflow-search" className="visually-hidden">
          Search workflows
        </label>
        <input
          id="workflow-search"
          type="search"
          placeholder="Search by name, id or description"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        {list.isFetching && !list.isPending && <span className="spinner" role="status" aria-label="Searching" />}
      </div>
      {list.isPending ? (
        <Loading label="Loading workflows…" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.length === 0 && search ? (
        <EmptyState
          title={`No workflow matches “${search}”`}
          action={
            <button type="button" onClick={() => setTyped('')}>
              Clear the search
            </button>
          }
        />
      ) : list.data.length === 0 ? (
        <EmptyState title="No workflows yet" action={<div className="toolbar">{newButtons}</div>}>
          <p>
            A workflow is a graph of steps — model calls, HTTP requests, code — started by hand, by a webhook, on a schedule or
            from a chat. Build one in the editor, start from an example, or import a YAML file.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <WorkflowTable
            workflows={list.data}
            onDuplicate={(w) => void actions.duplicate(w)}
            onExport={(w, format) => void actions.exportAs(w, format)}
            onDelete={(workflow) => setDialog({ kind: 'delete', workflow })}
          />
        </div>
      )}
      {dialog?.kind === 'template' && <TemplateDialog onClose={close} />}
      {dialog?.kind === 'import' && (
        <ImportDialog
          onClose={close}
          onImported={(created) => {
            close();
            toast(`Imported “${created.workflow.name}” (${created.workflow.id})`, 'success');
            navigate(`/workflows/${encodeURIComponent(created.workflow.id)}`);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog title={`Delete “${dialog.workflow.name}”?`} confirmLabel="Delete workflow" onConfirm={() => actions.remove(dialog.workflow)} onClose={close}>
          <p>
            <strong>{dialog.workflow.name}</strong> <span className="muted mono">({dialog.workflow.id})</span> leaves the list and its
            triggers stop. Its versions and past runs are kept.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
