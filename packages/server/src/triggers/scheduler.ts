import type {
  Clock,
  Engine,
  Json,
  Logger,
  RunStore,
  ScheduleRecord,
  ScheduleStore,
  WorkflowDefinition,
} from '@weft/engine';
import { checkCron, nextTick, nextTicks } from './cron.ts';

/** What the scheduler needs. `enqueue` hands a created run to the worker pool. */
export interface SchedulerDeps {
  store: ScheduleStore & RunStore;
  engine: Engine;
  enqueue: (runId: string) => void;
  clock: Clock;
  logger: Logger;
  /** How often due schedules are looked for. */
  pollMs?: number;
}

/** A schedule with its next fire times, as the API shows it. */
export interface ScheduleView extends ScheduleRecord {
  nextFireTimes: number[];
}

/**
 * Cron schedules declared in workflows: persisted, enabled or disabled by the API, and fired once
 * per tick even when several processes share the database (a tick is claimed by compare-and-set).
 * A tick missed while no process was up fires once at the next start.
 */
export class Scheduler {
  readonly #deps: SchedulerDeps;
  #timer: ReturnType<typeof setInterval> | undefined;
  #ticking: Promise<void> | undefined;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  /** Rewrites a workflow's schedules from its triggers (call on every save). Throws on a bad cron. */
  async syncWorkflow(workflowId: string, definition: WorkflowDefinition): Promise<void> {
    const { store, clock } = this.#deps;
    const now = clock.now();
    const ids: string[] = [];
    const triggers = definition.triggers ?? [];
    for (const [i, trigger] of triggers.entries()) {
      if (trigger.type !== 'schedule') continue;
      checkCron(trigger.cron, trigger.timezone, `triggers[${i}]`);
      const id = `${workflowId}:${trigger.name ?? i}`;
      ids.push(id);
      const existing = await store.getSchedule(id);
      const enabled = existing && existing.cron === trigger.cron && existing.timezone === trigger.timezone ? existing.enabled : trigger.enabled;
      const schedule: ScheduleRecord = {
        id,
        workflowId,
        cron: trigger.cron,
        timezone: trigger.timezone,
        input: (trigger.input ?? null) as Json,
        enabled,
      };
      const next = enabled ? nextTick(trigger.cron, trigger.timezone, now) : undefined;
      if (next !== undefined) schedule.nextFireAt = next;
      if (existing?.lastFiredAt !== undefined) schedule.lastFiredAt = existing.lastFiredAt;
      await store.putSchedule(schedule);
    }
    await store.pruneSchedules(workflowId, ids);
  }

  /** Turns a schedule on (from the next tick) or off. Returns false for an unknown schedule. */
  async setEnabled(id: string, enabled: boolean): Promise<boolean> {
    const { store, clock } = this.#deps;
    const schedule = await store.getSchedule(id);
    if (!schedule) return false;
    const next = enabled ? nextTick(schedule.cron, schedule.timezone, clock.now()) : undefined;
    return store.setScheduleEnabled(id, enabled, next);
  }

  /** Schedules (of one workflow, or all) with their next few fire times. */
  async list(workflowId?: string, count = 5): Promise<ScheduleView[]> {
    const now = this.#deps.clock.now();
    return (await this.#deps.store.listSchedules(workflowId)).map((s) => withFireTimes(s, now, count));
  }

  /** One schedule with its next few fire times, or undefined. */
  async get(id: string, count = 5): Promise<ScheduleView | undefined> {
    const schedule = await this.#deps.store.getSchedule(id);
    return schedule && withFireTimes(schedule, this.#deps.clock.now(), count);
  }

  /** Fires every due schedule once. Returns the ids of the runs started. */
  async tick(): Promise<string[]> {
    const { store, engine, clock, logger, enqueue } = this.#deps;
    const now = clock.now();
    const started: string[] = [];
    for (const schedule of await store.dueSchedules(now, 100)) {
      const due = schedule.nextFireAt as number;
      const next = nextTick(schedule.cron, schedule.timezone, now);
      if (!(await store.claimScheduleTick(schedule.id, due, next, now))) continue;
      try {
        const version = await store.getWorkflowVersion(schedule.workflowId);
        if (!version) continue;
        const { run } = await engine.startRun({
          workflowId: schedule.workflowId,
          version: version.version,
          input: schedule.input ?? { scheduledAt: new Date(due).toISOString() },
          enqueueOnly: true,
        });
        enqueue(run.id);
        started.push(run.id);
      } catch (error) {
        logger.error('A scheduled run could not start', { scheduleId: schedule.id, error: (error as Error).message });
      }
    }
    return started;
  }

  /** Starts polling for due schedules. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      if (this.#ticking) return;
      this.#ticking = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.#deps.logger.error('Scheduler tick failed', { error: String(error) }))
        .finally(() => (this.#ticking = undefined));
    }, this.#deps.pollMs ?? 1000);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#ticking;
  }
}

function withFireTimes(schedule: ScheduleRecord, now: number, count: number): ScheduleView {
  return { ...schedule, nextFireTimes: schedule.enabled ? nextTicks(schedule.cron, schedule.timezone, now, count) : [] };
}
