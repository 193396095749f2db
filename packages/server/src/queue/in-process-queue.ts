import type { Logger } from '@weft/engine';
import type { RunQueue } from './run-queue.ts';

export interface InProcessRunQueueOptions {
  /** Runs executed at once. */
  concurrency: number;
  /** Executes a run until it ends or waits (the engine's `execute`). */
  execute(runId: string): Promise<unknown>;
  logger: Logger;
}

/**
 * A FIFO of run ids worked off by up to `concurrency` workers in this process. Nothing is lost
 * when the process dies: a queued run is `queued` in the store, and the next start picks it up.
 */
export class InProcessRunQueue implements RunQueue {
  readonly #options: InProcessRunQueueOptions;
  readonly #pending: string[] = [];
  #head = 0;
  readonly #known = new Set<string>();
  readonly #running = new Map<string, Promise<void>>();
  #accepting = true;

  constructor(options: InProcessRunQueueOptions) {
    if (!(options.concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
    this.#options = options;
  }

  get depth(): number {
    return this.#pending.length - this.#head;
  }

  get active(): number {
    return this.#running.size;
  }

  get accepting(): boolean {
    return this.#accepting;
  }

  enqueue(runId: string): boolean {
    if (!this.#accepting || this.#known.has(runId)) return false;
    this.#known.add(runId);
    this.#pending.push(runId);
    this.#pump();
    return true;
  }

  adopt(runId: string, work: Promise<unknown>): void {
    if (this.#known.has(runId)) return;
    this.#known.add(runId);
    this.#track(runId, work);
  }

  async close(timeoutMs: number): Promise<string[]> {
    this.#accepting = false;
    // Queued runs stay `queued` in the store; the next start picks them up.
    for (let i = this.#head; i < this.#pending.length; i++) this.#known.delete(this.#pending[i] as string);
    this.#pending.length = 0;
    this.#head = 0;
    if (this.#running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      });
      await Promise.race([Promise.allSettled(this.#running.values()), timeout]);
      clearTimeout(timer);
    }
    return [...this.#running.keys()];
  }

  #pump(): void {
    while (this.#running.size < this.#options.concurrency && this.depth > 0) {
      const runId = this.#pending[this.#head++] as string;
      if (this.#head > 1024 && this.#head * 2 > this.#pending.length) {
        this.#pending.splice(0, this.#head);
        this.#head = 0;
      }
      // Start on the next turn of the event loop, so the response that enqueued the run goes out first.
      const work = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#options.execute(runId));
      this.#track(runId, work);
    }
  }

  #track(runId: string, work: Promise<unknown>): void {
    const done = work.then(
      () => {},
      (error: unknown) => this.#options.logger.warn('Run execution stopped with an error', { runId, error: String(error) }),
    );
    const settled = done.finally(() => {
      this.#running.delete(runId);
      this.#known.delete(runId);
      if (this.#accepting) this.#pump();
    });
    this.#running.set(runId, settled);
  }
}
