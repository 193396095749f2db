import type { Json } from '../json.ts';

/** A cron schedule of a workflow, with its next fire time. */
export interface ScheduleRecord {
  /** `<workflowId>:<trigger index or name>`. */
  id: string;
  workflowId: string;
  cron: string;
  timezone: string;
  input: Json;
  enabled: boolean;
  /** Epoch ms of the next tick, or undefined when disabled or exhausted. */
  nextFireAt?: number;
  lastFiredAt?: number;
}

/** Persisted schedules. Firing is claimed with compare-and-set so one tick fires once across processes. */
export interface ScheduleStore {
  /** Creates or updates a schedule (keeping `enabled` of an existing one unless given). */
  putSchedule(schedule: ScheduleRecord): Promise<void>;
  listSchedules(workflowId?: string): Promise<ScheduleRecord[]>;
  getSchedule(id: string): Promise<ScheduleRecord | undefined>;
  setScheduleEnabled(id: string, enabled: boolean, nextFireAt: number | undefined): Promise<boolean>;
  /** Schedules due at `now` (enabled, nextFireAt ≤ now). */
  dueSchedules(now: number, limit: number): Promise<ScheduleRecord[]>;
  /**
   * Moves a schedule from the tick `expectedFireAt` to `nextFireAt`. Only one caller wins for a
   * given tick: it returns true, and that caller starts the run.
   */
  claimScheduleTick(id: string, expectedFireAt: number, nextFireAt: number | undefined, firedAt: number): Promise<boolean>;
  /** Removes schedules of a workflow that are not in `keepIds`. */
  pruneSchedules(workflowId: string, keepIds: string[]): Promise<void>;
}
