import { InvalidWorkflowError, NotFoundError, validateWorkflow, type WorkflowDefinition, type WorkflowSummary } from '@weft/engine';
import type { ServerServices } from '../services.ts';

/** Validates a definition (every problem, with its path, in one 400) and returns it with defaults filled in. */
export function checkedDefinition(services: ServerServices, raw: unknown): WorkflowDefinition {
  const result = validateWorkflow(raw, services.registry);
  if (!result.ok) throw new InvalidWorkflowError(result.problems, 'the request body');
  return result.workflow;
}

/** The id a new workflow gets: its `id`, else its name as a slug (as `weft run` names it). */
export function workflowIdOf(definition: WorkflowDefinition): string {
  if (definition.id) return definition.id;
  const slug = definition.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1');
  return slug || 'workflow';
}

/** A workflow that exists and is not deleted, or 404. */
export async function liveWorkflow(services: ServerServices, id: string): Promise<WorkflowSummary> {
  const workflow = await services.store.getWorkflow(id);
  if (!workflow || workflow.deletedAt !== undefined) {
    throw new NotFoundError(`Workflow '${id}' not found${workflow ? ' (it was deleted; create it again to restore it)' : ''}`);
  }
  return workflow;
}

/** A workflow, deleted or not (its history stays readable), or 404. */
export async function anyWorkflow(services: ServerServices, id: string): Promise<WorkflowSummary> {
  const workflow = await services.store.getWorkflow(id);
  if (!workflow) throw new NotFoundError(`Workflow '${id}' not found`);
  return workflow;
}

/** Saves a new version and answers the workflow with it. */
export async function saveVersion(services: ServerServices, id: string, definition: WorkflowDefinition) {
  // The id goes first, so an export reads `id:` then `name:`.
  const { id: _given, ...rest } = definition;
  const version = await services.store.saveWorkflowVersion(id, { id, ...rest });
  const workflow = await anyWorkflow(services, id);
  return { workflow, version };
}
