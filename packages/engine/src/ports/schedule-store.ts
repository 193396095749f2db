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

/** A schedule to create or update: `enabled` and `lastFiredAt` may be left out to keep the stored ones. */
export type ScheduleInput = Omit<ScheduleRecord, 'enabled'> & { enabled?: boolean };

/** Persisted schedules. Firing is claimed with compare-and-set so one tick fires once across processes. */
export interface ScheduleStore {
  /**
   * Creates or updates a schedule. A new schedule is enabled unless `enabled: false`; an existing one
   * keeps its `enabled` and `lastFiredAt` unless given (so re-saving a workflow does not re-enable a
   * schedule someone switched off). `nextFireAt` is kept only while the schedule ends up enabled.
   */
  putSchedule(schedule: ScheduleInput): Promise<void>;
  /** Every schedule, or a workflow's, ordered by id. */
  listSchedules(workflowId?: string): Promise<ScheduleRecord[]>;
  getSchedule(id: string): Promise<ScheduleRecord | undefined>;
  /** Switches a schedule on (next tick `nextFireAt`) or off (no next tick). False when unknown. */
  setScheduleEnabled(id: string, enabled: boolean, nextFireAt: number | undefined): Promise<boolean>;
  /** Schedules due at `now` (enabled, nextFireAt ≤ now), earliest nextFireAt first (then id). */
  dueSchedules(now: number, limit: number): Promise<ScheduleRecord[]>;
  /**
   * Moves a schedule from the tick `expectedFireAt` to `nextFireAt`. Only one caller wins for a
   * given tick: it returns true, and that caller starts the run. False when the schedule is unknown,
   * disabled, or no longer at `expectedFireAt`.
   */
  claimScheduleTick(id: string, expectedFireAt: number, nextFireAt: number | undefined, firedAt: number): Promise<boolean>;
  /** Removes schedules of a workflow that are not in `keepIds`. */
  pruneSchedules(workflowId: string, keepIds: string[]): Promise<void>;
}
