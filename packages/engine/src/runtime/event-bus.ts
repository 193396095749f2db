import type { RunEvent } from '../events.ts';

/** Receives events after they are persisted. */
export type RunEventListener = (event: RunEvent) => void;

/** In-process fan-out of persisted events, per run and for all runs. */
export class EventBus {
  readonly #byRun = new Map<string, Set<RunEventListener>>();
  readonly #all = new Set<RunEventListener>();

  /** Subscribes to one run's events, or every run's with `'*'`. Returns the unsubscribe function. */
  subscribe(runId: string, listener: RunEventListener): () => void {
    if (runId === '*') {
      this.#all.add(listener);
      return () => this.#all.delete(listener);
    }
    let set = this.#byRun.get(runId);
    if (!set) this.#byRun.set(runId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#byRun.delete(runId);
    };
  }

  publish(events: readonly RunEvent[]): void {
    if (events.length === 0) return;
    const listeners = this.#byRun.get((events[0] as RunEvent).runId);
    if (!listeners && this.#all.size === 0) return;
    for (const event of events) {
      if (listeners) for (const listener of listeners) listener(event);
      for (const listener of this.#all) listener(event);
    }
  }
}
