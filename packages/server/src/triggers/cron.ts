import { Cron } from 'croner';
import { InvalidWorkflowError } from '@weft/engine';

/** The first tick of `cron` in `timezone` strictly after `after` (epoch ms), or undefined when there is none. */
export function nextTick(cron: string, timezone: string, after: number): number | undefined {
  return new Cron(cron, { timezone, paused: true }).nextRun(new Date(after))?.getTime();
}

/** The next `count` ticks after `after`. */
export function nextTicks(cron: string, timezone: string, after: number, count: number): number[] {
  return new Cron(cron, { timezone, paused: true }).nextRuns(count, new Date(after)).map((d) => d.getTime());
}

/** Throws InvalidWorkflowError (path `triggers[i]`) when a cron expression or time zone is invalid. */
export function checkCron(cron: string, timezone: string, path: string): void {
  try {
    new Cron(cron, { timezone, paused: true }).nextRun();
  } catch (error) {
    const message = (error as Error).message.split('. Original error')[0] ?? 'invalid';
    throw new InvalidWorkflowError([{ path, message: `bad schedule: ${message}` }]);
  }
}
