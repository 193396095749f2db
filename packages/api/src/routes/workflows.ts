import { defineRoute } from '../route.ts';
import {
  deletedSchema,
  exportWorkflowQuerySchema,
  getWorkflowQuerySchema,
  listWorkflowsQuerySchema,
  validationResultSchema,
  workflowDefinitionSchema,
  workflowDetailSchema,
  workflowPageSchema,
  workflowParams,
  workflowVersionListSchema,
} from '../schemas/workflows.ts';
import { textSchema } from '../schemas/system.ts';

const tags = ['workflows'] as const;
const yamlOrJson = ['application/json', 'application/yaml', 'text/yaml'] as const;

export const listWorkflows = defineRoute({
  id: 'listWorkflows',
  method: 'GET',
  path: '/api/workflows',
  summary: 'List workflows',
  description: 'Most recently updated first. `search` matches id, name or description; page with `cursor`.',
  tags,
  query: listWorkflowsQuerySchema,
  response: workflowPageSchema,
});

export const createWorkflow = defineRoute({
  id: 'createWorkflow',
  method: 'POST',
  path: '/api/workflows',
  summary: 'Create (or import) a workflow',
  description:
    'Body: a workflow definition as JSON, or as YAML with `Content-Type: application/yaml`. Its id is the definition’s `id`, else a slug of its name. Saves version 1 (or restores a deleted workflow with a new version). 409 when a workflow with that id exists.',
  tags,
  body: workflowDefinitionSchema,
  bodyTypes: yamlOrJson,
  response: workflowDetailSchema,
  status: 201,
  errors: [409, 413, 415],
});

export const validateWorkflow = defineRoute({
  id: 'validateWorkflow',
  method: 'POST',
  path: '/api/workflows/validate',
  summary: 'Check a workflow without saving it',
  description: 'Answers 200 with `ok: false` and every problem (with its path) for an invalid definition.',
  tags,
  body: workflowDefinitionSchema,
  bodyTypes: yamlOrJson,
  response: validationResultSchema,
  errors: [413, 415],
});

export const getWorkflow = defineRoute({
  id: 'getWorkflow',
  method: 'GET',
  path: '/api/workflows/:id',
  summary: 'Get a workflow and its latest (or a chosen) version',
  tags,
  params: workflowParams,
  query: getWorkflowQuerySchema,
  response: workflowDetailSchema,
  errors: [404],
});

export const updateWorkflow = defineRoute({
  id: 'updateWorkflow',
  method: 'PUT',
  path: '/api/workflows/:id',
  summary: 'Save a new version of a workflow',
  description:
    'Every save is a new immutable version (saving content identical to the latest version returns it). Runs keep the version they started with.',
  tags,
  params: workflowParams,
  body: workflowDefinitionSchema,
  bodyTypes: yamlOrJson,
  response: workflowDetailSchema,
  errors: [404, 413, 415],
});

export const deleteWorkflow = defineRoute({
  id: 'deleteWorkflow',
  method: 'DELETE',
  path: '/api/workflows/:id',
  summary: 'Delete a workflow (soft: versions and runs stay)',
  tags,
  params: workflowParams,
  response: deletedSchema,
  errors: [404],
});

export const listWorkflowVersions = defineRoute({
  id: 'listWorkflowVersions',
  method: 'GET',
  path: '/api/workflows/:id/versions',
  summary: 'List the versions of a workflow, newest first',
  tags,
  params: workflowParams,
  response: workflowVersionListSchema,
  errors: [404],
});

export const exportWorkflow = defineRoute({
  id: 'exportWorkflow',
  method: 'GET',
  path: '/api/workflows/:id/export',
  summary: 'Export a workflow definition as YAML or JSON',
  description: 'Answers the definition itself (`?format=yaml`, the default, or `json`) as a file to keep in git.',
  tags,
  params: workflowParams,
  query: exportWorkflowQuerySchema,
  response: textSchema,
  produces: 'application/yaml',
  errors: [404],
});
