import type { ScheduleInput, ScheduleRecord, ScheduleStore } from '../ports/schedule-store.ts';
import { copyJson } from './copy-json.ts';

/** The `ScheduleStore` part of `MemoryRunStore`: schedules by id, with compare-and-set tick claims. */
export class MemorySchedules implements ScheduleStore {
  readonly #schedules = new Map<string, ScheduleRecord>();

  async putSchedule(schedule: ScheduleInput): Promise<void> {
    const existing = this.#schedules.get(schedule.id);
    const enabled = schedule.enabled ?? existing?.enabled ?? true;
    const record: ScheduleRecord = {
      id: schedule.id,
      workflowId: schedule.workflowId,
      cron: schedule.cron,
      timezone: schedule.timezone,
      input: copyJson(schedule.input) ?? null,
      enabled,
    };
    if (enabled && schedule.nextFireAt !== undefined) record.nextFireAt = schedule.nextFireAt;
    const lastFiredAt = schedule.lastFiredAt ?? existing?.lastFiredAt;
    if (lastFiredAt !== undefined) record.lastFiredAt = lastFiredAt;
    this.#schedules.set(schedule.id, record);
  }

  async listSchedules(workflowId?: string): Promise<ScheduleRecord[]> {
    return [...this.#schedules.values()]
      .filter((s) => workflowId === undefined || s.workflowId === workflowId)
      .sort((a, b) => compareIds(a.id, b.id))
      .map((s) => copyJson(s));
  }

  async getSchedule(id: string): Promise<ScheduleRecord | undefined> {
    const schedule = this.#schedules.get(id);
    return schedule && copyJson(schedule);
  }

  async setScheduleEnabled(id: string, enabled: boolean, nextFireAt: number | undefined): Promise<boolean> {
    const schedule = this.#schedules.get(id);
    if (!schedule) return false;
    schedule.enabled = enabled;
    if (enabled && nextFireAt !== undefined) schedule.nextFireAt = nextFireAt;
    else delete schedule.nextFireAt;
    return true;
  }

  async dueSchedules(now: number, limit: number): Promise<ScheduleRecord[]> {
    const due: ScheduleRecord[] = [];
    for (const s of this.#schedules.values()) {
      if (s.enabled && s.nextFireAt !== undefined && s.nextFireAt <= now) due.push(s);
    }
    due.sort((a, b) => (a.nextFireAt ?? 0) - (b.nextFireAt ?? 0) || compareIds(a.id, b.id));
    return due.slice(0, Math.max(0, limit)).map((s) => copyJson(s));
  }

  async claimScheduleTick(
    id: string,
    expectedFireAt: number,
    nextFireAt: number | undefined,
    firedAt: number,
  ): Promise<boolean> {
    const schedule = this.#schedules.get(id);
    if (!schedule?.enabled || schedule.nextFireAt !== expectedFireAt) return false;
    if (nextFireAt === undefined) delete schedule.nextFireAt;
    else schedule.nextFireAt = nextFireAt;
    schedule.lastFiredAt = firedAt;
    return true;
  }

  async pruneSchedules(workflowId: string, keepIds: string[]): Promise<void> {
    const keep = new Set(keepIds);
    for (const [id, schedule] of this.#schedules) {
      if (schedule.workflowId === workflowId && !keep.has(id)) this.#schedules.delete(id);
    }
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
