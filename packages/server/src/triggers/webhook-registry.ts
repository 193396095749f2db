import { ConflictError, type WorkflowDefinition } from '@weft/engine';
import type { z } from 'zod';
import type { webhookTriggerSchema } from '@weft/engine';

/** A webhook trigger as declared in a workflow. */
export type WebhookTrigger = z.output<typeof webhookTriggerSchema>;

/** Where a webhook path leads. */
export interface WebhookRoute {
  workflowId: string;
  trigger: WebhookTrigger;
}

/** Webhook paths of every live workflow, kept in memory and rebuilt from the store at start. */
export class WebhookRegistry {
  readonly #byPath = new Map<string, WebhookRoute>();

  /** The webhook paths a workflow definition would take, checked against other workflows' paths. */
  check(workflowId: string, definition: WorkflowDefinition): void {
    for (const trigger of webhooksOf(definition)) {
      const owner = this.#byPath.get(trigger.path);
      if (owner && owner.workflowId !== workflowId) {
        throw new ConflictError(`Webhook path '${trigger.path}' is already used by workflow '${owner.workflowId}'`);
      }
    }
  }

  /** Replaces a workflow's webhooks by those of its latest definition. */
  set(workflowId: string, definition: WorkflowDefinition): void {
    this.check(workflowId, definition);
    this.remove(workflowId);
    for (const trigger of webhooksOf(definition)) this.#byPath.set(trigger.path, { workflowId, trigger });
  }

  remove(workflowId: string): void {
    for (const [path, route] of this.#byPath) if (route.workflowId === workflowId) this.#byPath.delete(path);
  }

  match(path: string): WebhookRoute | undefined {
    return this.#byPath.get(path.replace(/^\/+|\/+$/g, ''));
  }

  /** Every webhook, for the API's listing. */
  list(workflowId?: string): WebhookRoute[] {
    return [...this.#byPath.values()].filter((r) => workflowId === undefined || r.workflowId === workflowId);
  }
}

function webhooksOf(definition: WorkflowDefinition): WebhookTrigger[] {
  return (definition.triggers ?? []).filter((t): t is WebhookTrigger => t.type === 'webhook');
}
