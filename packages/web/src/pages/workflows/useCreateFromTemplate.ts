import type { WorkflowTemplate } from '@weft/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { keys } from '../../api/queries.ts';
import { createWithFreeId, identityOf, numbered, type CreatedWorkflow } from './createWorkflow.ts';

/**
 * Creates a workflow from a template's YAML. When its id is taken (the template was used before),
 * it becomes `<id>-2`, `<id>-3`… so starting from a template always works.
 */
export function useCreateFromTemplate(onCreated: (created: CreatedWorkflow) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (template: WorkflowTemplate) => {
      const definition = { text: template.yaml, type: 'application/yaml' } as const;
      return createWithFreeId(definition, numbered(identityOf(definition)), { asIs: true });
    },
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: keys.allWorkflows });
      onCreated(created);
    },
  });
}
