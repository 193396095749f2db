import { defineRoute } from '../route.ts';
import { workflowParams } from '../schemas/workflows.ts';
import { webhookListSchema, webhookParams, webhookResponseSchema } from '../schemas/triggers.ts';

const tags = ['triggers'] as const;

export const callWebhook = defineRoute({
  id: 'callWebhook',
  method: 'POST',
  alsoMethods: ['GET', 'PUT', 'PATCH', 'DELETE'],
  path: '/hooks/:path',
  summary: 'Call a workflow’s webhook',
  description:
    'Starts a run of the workflow whose `webhook` trigger has this path (slashes allowed), with `{ method, path, query, headers, body }` as input: a JSON or form body is parsed, anything else is text, and none of it is ever evaluated as a template. Needs no API token: when the trigger names a `secret` credential, send its value in `X-Weft-Secret`; with `hmac`, send `X-Weft-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. `response: async` answers 202 `{ runId, status }` at once; `sync` answers with the first `respond` step (status, headers, body), else the run’s output, or 202 `{ runId, status: running }` after the trigger’s `timeoutMs`. The methods a trigger accepts are its `methods` (default POST; 405 otherwise).',
  tags,
  params: webhookParams,
  response: webhookResponseSchema,
  errors: [401, 404, 405, 413, 500],
  public: true,
});

export const listWorkflowWebhooks = defineRoute({
  id: 'listWorkflowWebhooks',
  method: 'GET',
  path: '/api/workflows/:id/webhooks',
  summary: 'List a workflow’s webhooks with their URLs',
  tags,
  params: workflowParams,
  response: webhookListSchema,
  errors: [404],
});
