import { z } from 'zod';
import { defineRoute } from '../route.ts';
import { templateListSchema, workflowTemplateSchema } from '../schemas/templates.ts';

export const listTemplates = defineRoute({
  id: 'listTemplates',
  method: 'GET',
  path: '/api/templates',
  summary: 'Workflows to start from (the examples), with their YAML',
  tags: ['templates'],
  response: templateListSchema,
});

export const getTemplate = defineRoute({
  id: 'getTemplate',
  method: 'GET',
  path: '/api/templates/:id',
  summary: 'One template with its YAML',
  tags: ['templates'],
  params: z.object({ id: z.string().min(1).max(200) }),
  response: workflowTemplateSchema,
});
