import { apiRoutes, type RouteResponse } from '@weft/api';
import { NotFoundError } from '@weft/engine';
import { route } from '../router/server-route.ts';
import type { ServerServices } from '../services.ts';
import { handleWebhook } from '../triggers/webhook-handler.ts';
import type { WebhookTrigger } from '../triggers/webhook-registry.ts';
import { liveWorkflow } from './workflow-definition.ts';

type WebhookView = RouteResponse<typeof apiRoutes.listWorkflowWebhooks>['webhooks'][number];

/** `/hooks/<path>`: outside `/api`, not behind API tokens (the trigger's secret or HMAC guards it). */
export const callWebhook = route(
  apiRoutes.callWebhook,
  async ({ params, request, services }) => {
    await services.triggers.ready();
    return handleWebhook(request, params.path, {
      registry: services.triggers.webhooks,
      store: services.store,
      engine: services.engine,
      secrets: services.secrets,
      enqueue: (runId) => services.queue.enqueue(runId),
      maxBodyBytes: services.config.bodyLimitBytes,
    });
  },
  // Hono's syntax for a param that holds slashes (`/hooks/orders/new`).
  { mountPath: '/hooks/:path{.+}' },
);

export const listWorkflowWebhooks = route(apiRoutes.listWorkflowWebhooks, async ({ params, request, services }) => {
  const workflow = await liveWorkflow(services, params.id);
  const version = await services.store.getWorkflowVersion(params.id, workflow.latestVersion);
  if (!version) throw new NotFoundError(`Workflow '${params.id}' has no stored version`);
  await services.triggers.ready();
  const base = (services.config.publicUrl ?? new URL(request.url).origin).replace(/\/+$/, '');
  const webhooks = (version.definition.triggers ?? [])
    .filter((t): t is WebhookTrigger => t.type === 'webhook')
    .map((trigger) => describeWebhook(services, params.id, trigger, base));
  return { webhooks };
});

function describeWebhook(services: ServerServices, workflowId: string, trigger: WebhookTrigger, base: string): WebhookView {
  const auth = trigger.secret && trigger.hmac ? 'secret+hmac' : trigger.secret ? 'secret' : trigger.hmac ? 'hmac' : 'none';
  return {
    path: trigger.path,
    url: `${base}/hooks/${trigger.path.split('/').map(encodeURIComponent).join('/')}`,
    methods: trigger.methods,
    response: trigger.response,
    timeoutMs: trigger.timeoutMs,
    auth,
    ...(trigger.header ? { header: trigger.header } : {}),
    active: services.triggers.webhooks.match(trigger.path)?.workflowId === workflowId,
  };
}

export const webhookRoutes = [callWebhook, listWorkflowWebhooks];
