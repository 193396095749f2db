// Queues sandbox requests and hands each to an idle worker slot. Requests wait in the host,
// not in a worker's message queue, so each one's watchdog starts when it actually starts.
import { CancelledError, WeftError } from '../errors.ts';
import type { SandboxRequest, SandboxResponse } from './protocol.ts';
import { WorkerSlot, type ExecuteOptions } from './worker-slot.ts';

interface Job {
  request: SandboxRequest;
  options: ExecuteOptions;
  resolve: (response: SandboxResponse) => void;
  reject: (error: unknown) => void;
  onAbort?: () => void;
}

/** A fixed number of sandbox worker slots fed from one queue. */
export class WorkerPool {
  readonly #slots: WorkerSlot[];
  readonly #queue: Job[] = [];
  #closed = false;

  constructor(options: { size: number; stackSizeMb: number }) {
    this.#slots = Array.from(
      { length: options.size },
      () => new WorkerSlot({ stackSizeMb: options.stackSizeMb }),
    );
  }

  /** Runs `request` on the next idle worker. */
  run(request: SandboxRequest, options: ExecuteOptions): Promise<SandboxResponse> {
    if (this.#closed) return Promise.reject(new WeftError('INTERNAL', 'The sandbox was closed'));
    if (options.signal?.aborted) return Promise.reject(new CancelledError('Sandbox evaluation cancelled'));
    return new Promise<SandboxResponse>((resolve, reject) => {
      const job: Job = { request, options, resolve, reject };
      if (options.signal) {
        // Leaving the queue is all a cancel needs before the job starts; afterwards the slot handles it.
        job.onAbort = () => {
          const at = this.#queue.indexOf(job);
          if (at === -1) return;
          this.#queue.splice(at, 1);
          reject(new CancelledError('Sandbox evaluation cancelled'));
        };
        options.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.#queue.push(job);
      this.#pump();
    });
  }

  /** Rejects queued requests and stops every worker. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new WeftError('INTERNAL', 'The sandbox was closed'));
    await Promise.all(this.#slots.map((slot) => slot.close()));
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (slot.busy) continue;
      const job = this.#queue.shift();
      if (!job) return;
      if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
      slot
        .execute(job.request, job.options)
        .then(job.resolve, job.reject)
        .finally(() => this.#pump());
    }
  }
}
