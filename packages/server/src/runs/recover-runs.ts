import type { ServerServices } from '../services.ts';

const PAGE = 500;

/**
 * At start: picks up work a previous process left. Runs whose lease lapsed or whose owner died
 * continue (the engine's `resumeOrphans`, which may briefly exceed the worker limit; the queue
 * tracks them), and top-level `queued` runs are queued, oldest first. Returns how many.
 */
export async function recoverRuns(services: ServerServices): Promise<number> {
  let picked = 0;
  // Timed waits that fell due while no process was up.
  picked += (await services.engine.wakeDueRuns()).length;
  // Queued runs go through the queue below, oldest first, within the worker limit.
  for (const runId of await services.engine.resumeOrphans({ only: ['running'] })) {
    services.queue.adopt(runId, services.engine.execute(runId));
    picked++;
  }
  let cursor: string | undefined;
  do {
    const page = await services.store.listRuns({ status: ['queued'], parentRunId: null, limit: PAGE, ...(cursor ? { cursor } : {}) });
    for (const run of page.runs.reverse()) if (services.queue.enqueue(run.id)) picked++;
    cursor = page.nextCursor;
  } while (cursor && services.queue.accepting);
  return picked;
}

/**
 * While running: queues runs whose lease lapsed (their process died, e.g. another worker on the same
 * database). Through the queue, so the worker limit holds; the engine takes the lease over.
 */
export async function sweepOrphans(services: ServerServices): Promise<number> {
  let picked = 0;
  for (const run of await services.store.findOrphanedRuns(services.clock.now(), PAGE)) {
    if (!run.parentRunId && services.queue.enqueue(run.id)) picked++;
  }
  return picked;
}

/**
 * One pass of the periodic sweep: runs whose process died, timed waits that are due (longer than the
 * engine sleeps through in-process), and webhook paths saved by other processes on the same database.
 * Each part logs its own failure; none stops the others.
 */
export async function sweepOnce(services: ServerServices): Promise<void> {
  const parts: [string, () => Promise<unknown>][] = [
    ['Orphan sweep', () => sweepOrphans(services)],
    ['Waking runs whose wait is due', () => services.engine.wakeDueRuns()],
    ['Reloading webhook paths', () => services.triggers.reload()],
  ];
  await Promise.all(
    parts.map(([what, part]) => part().catch((error: unknown) => services.logger.warn(`${what} failed`, { error: String(error) }))),
  );
}
