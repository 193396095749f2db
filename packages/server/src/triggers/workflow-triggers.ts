import { InvalidWorkflowError, type Logger, type WeftStore, type WorkflowDefinition } from '@weft/engine';
import { checkCron } from './cron.ts';
import type { Scheduler } from './scheduler.ts';
import { WebhookRegistry } from './webhook-registry.ts';

const PAGE = 200;

/**
 * Keeps webhook paths and cron schedules in step with the workflows that declare them: loaded from
 * the store at start, checked before a save (a path another workflow uses → 409, a bad cron → 400),
 * applied after it, dropped on delete. Saves that touch triggers run one at a time, so two workflows
 * saved at once cannot both take a path.
 */
export class WorkflowTriggers {
  readonly scheduler: Scheduler;
  readonly #store: WeftStore;
  readonly #logger: Logger;
  #webhooks = new WebhookRegistry();
  #loaded: Promise<void> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: { store: WeftStore; scheduler: Scheduler; logger: Logger }) {
    this.#store = options.store;
    this.scheduler = options.scheduler;
    this.#logger = options.logger;
  }

  /** The webhook paths of every live workflow (read from the store by `ready`). */
  get webhooks(): WebhookRegistry {
    return this.#webhooks;
  }

  /** Loads the webhook paths once (again on the next call if it failed); every use of `webhooks` awaits it. */
  ready(): Promise<void> {
    return (this.#loaded ??= this.reload().catch((error: unknown) => {
      this.#loaded = undefined;
      throw error;
    }));
  }

  /**
   * Rebuilds the webhook paths from every live workflow's latest version (at start, and on each sweep
   * to see workflows saved by other processes on the same database).
   */
  reload(): Promise<void> {
    return this.#exclusive(async () => {
      const fresh = new WebhookRegistry();
      let cursor: string | undefined;
      do {
        const page = await this.#store.listWorkflows({ limit: PAGE, ...(cursor ? { cursor } : {}) });
        for (const workflow of page.workflows) {
          if (!workflow.triggers.includes('webhook')) continue;
          const version = await this.#store.getWorkflowVersion(workflow.id, workflow.latestVersion);
          if (!version) continue;
          try {
            fresh.set(workflow.id, version.definition);
          } catch (error) {
            this.#logger.warn('A webhook path is taken by another workflow; this one is not served', {
              workflowId: workflow.id,
              error: (error as Error).message,
            });
          }
        }
        cursor = page.nextCursor;
      } while (cursor);
      this.#webhooks = fresh;
    });
  }

  /** Throws when the definition's triggers cannot be taken: a webhook path in use (409), a bad schedule (400). */
  check(workflowId: string, definition: WorkflowDefinition): void {
    this.#webhooks.check(workflowId, definition);
    for (const [i, trigger] of (definition.triggers ?? []).entries()) {
      if (trigger.type !== 'schedule') continue;
      if (!isTimeZone(trigger.timezone)) {
        throw new InvalidWorkflowError([
          { path: `triggers[${i}].timezone`, message: `unknown time zone '${trigger.timezone}': use an IANA name such as Europe/Paris` },
        ]);
      }
      checkCron(trigger.cron, trigger.timezone, `triggers[${i}].cron`);
    }
  }

  /** Checks the triggers, runs `save`, then takes the saved definition's webhook paths and schedules. */
  async save<T>(workflowId: string, definition: WorkflowDefinition, save: () => Promise<T>): Promise<T> {
    await this.ready();
    return this.#exclusive(async () => {
      this.check(workflowId, definition);
      const saved = await save();
      this.#webhooks.set(workflowId, definition);
      await this.scheduler.syncWorkflow(workflowId, definition);
      return saved;
    });
  }

  /** Runs `remove` (a delete); when it removed the workflow, drops its webhook paths and schedules. */
  async remove(workflowId: string, remove: () => Promise<boolean>): Promise<boolean> {
    await this.ready();
    return this.#exclusive(async () => {
      const removed = await remove();
      if (removed) {
        this.#webhooks.remove(workflowId);
        await this.#store.pruneSchedules(workflowId, []);
      }
      return removed;
    });
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work);
    this.#queue = result.catch(() => {});
    return result;
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
