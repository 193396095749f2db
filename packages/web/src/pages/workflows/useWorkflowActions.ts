import { apiRoutes } from '@weft/api';
import { useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { errorText, useToast } from '../../ui/toasts.tsx';
import { copyOf, createWithFreeId } from './createWorkflow.ts';
import { downloadWorkflow } from './exportWorkflow.ts';
import type { WorkflowSummary } from './useWorkflowList.ts';

/** Duplicate, export and delete a workflow of the list, reporting the outcome in a toast. */
export function useWorkflowActions() {
  const client = useQueryClient();
  const toast = useToast();

  const duplicate = async (workflow: WorkflowSummary) => {
    try {
      const { version } = await call(apiRoutes.getWorkflow, { params: { id: workflow.id } });
      const definition = { text: JSON.stringify(version.definition), type: 'application/json' } as const;
      const created = await createWithFreeId(definition, copyOf({ id: workflow.id, name: workflow.name }), { asIs: false });
      await client.invalidateQueries({ queryKey: keys.allWorkflows });
      toast(`Duplicated as “${created.workflow.name}” (${created.workflow.id})`, 'success');
    } catch (error) {
      toast(`Could not duplicate ${workflow.name}: ${errorText(error)}`, 'error');
    }
  };

  const exportAs = async (workflow: WorkflowSummary, format: 'yaml' | 'json') => {
    try {
      await downloadWorkflow(workflow.id, format);
    } catch (error) {
      toast(`Could not export ${workflow.name}: ${errorText(error)}`, 'error');
    }
  };

  /** Throws, so the confirm dialog can show why it failed. */
  const remove = async (workflow: WorkflowSummary) => {
    await call(apiRoutes.deleteWorkflow, { params: { id: workflow.id } });
    await client.invalidateQueries({ queryKey: keys.allWorkflows });
    toast(`Deleted ${workflow.name}`, 'success');
  };

  return { duplicate, exportAs, remove };
}
