/** Where the server hands runs to be executed. In-process by default; a job-queue adapter in scale mode. */
export interface RunQueue {
  /** Queues a stored `queued` run. False when the queue is closed or already holds the run. */
  enqueue(runId: string): boolean;
  /**
   * Counts work that already started elsewhere (a retried or resumed run continuing in this process)
   * as running, so metrics show it and `close()` waits for it.
   */
  adopt(runId: string, work: Promise<unknown>): void;
  /** Runs waiting for a worker. */
  readonly depth: number;
  /** Runs executing now. */
  readonly active: number;
  readonly accepting: boolean;
  /** Stops taking work and waits up to `timeoutMs` for running runs. Returns the ids still running. */
  close(timeoutMs: number): Promise<string[]>;
}
