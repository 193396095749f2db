import type { Engine, RunEvent } from '@weft/engine';

/**
 * Runs an engine action that commits a change and then keeps executing the run (retry, resume,
 * cancel), and resolves as soon as the change is committed: when an event `committed` accepts is
 * published, or when the action settles first. Errors thrown before the commit (404, 409) reject;
 * the rest of the execution continues in `work`, for the queue to track.
 */
export async function untilCommitted(
  engine: Pick<Engine, 'subscribe'>,
  runId: string,
  action: () => Promise<unknown>,
  committed: (event: RunEvent) => boolean,
): Promise<{ work: Promise<unknown> }> {
  let seen!: () => void;
  const event = new Promise<void>((resolve) => {
    seen = resolve;
  });
  const unsubscribe = engine.subscribe(runId, (e) => {
    if (committed(e)) seen();
  });
  try {
    const work = action();
    await Promise.race([event, work]);
    work.catch(() => {});
    return { work };
  } finally {
    unsubscribe();
  }
}
