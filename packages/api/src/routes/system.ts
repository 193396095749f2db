import { defineRoute } from '../route.ts';
import { healthSchema, jsonDocumentSchema, textSchema } from '../schemas/system.ts';

const tags = ['system'] as const;

export const health = defineRoute({
  id: 'health',
  method: 'GET',
  path: '/api/health',
  summary: 'Whether the server and its store answer',
  description: 'Needs no token (for load balancers). 503 when the store does not answer.',
  tags,
  response: healthSchema,
  errors: [503],
  public: true,
});

export const metrics = defineRoute({
  id: 'metrics',
  method: 'GET',
  path: '/api/metrics',
  summary: 'Metrics in the Prometheus text format',
  description: 'weft_runs_total{status}, weft_step_duration_seconds, weft_queue_depth, weft_runs_active.',
  tags,
  response: textSchema,
  produces: 'text/plain',
});

export const openApiDocument = defineRoute({
  id: 'openApiDocument',
  method: 'GET',
  path: '/api/openapi.json',
  summary: 'This API as an OpenAPI 3.1 document',
  tags,
  response: jsonDocumentSchema,
});

export const apiDocs = defineRoute({
  id: 'apiDocs',
  method: 'GET',
  path: '/api/docs',
  summary: 'A page that renders the OpenAPI document',
  description: 'Self-contained HTML (loads nothing from elsewhere); it asks for a token when the API needs one.',
  tags,
  response: textSchema,
  produces: 'text/html',
  public: true,
});
