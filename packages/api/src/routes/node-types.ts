import { defineRoute } from '../route.ts';
import { nodeTypeListSchema } from '../schemas/node-types.ts';
import { jsonDocumentSchema } from '../schemas/system.ts';

export const listNodeTypes = defineRoute({
  id: 'listNodeTypes',
  method: 'GET',
  path: '/api/node-types',
  summary: 'List every node type with its params JSON Schema, ports and docs',
  tags: ['node-types'],
  response: nodeTypeListSchema,
});

export const getWorkflowJsonSchema = defineRoute({
  id: 'getWorkflowJsonSchema',
  method: 'GET',
  path: '/api/schema/workflow',
  summary: 'The JSON Schema of a workflow definition (for editors)',
  tags: ['node-types'],
  response: jsonDocumentSchema,
});
