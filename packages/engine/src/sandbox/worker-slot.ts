// One sandbox worker thread, used for one request at a time, with a watchdog. The worker is
// started on first use, unref'd while idle (it never keeps the process alive), and replaced
// after it is stopped: by the watchdog, by cancellation, or because the VM became unusable.
import { Worker } from 'node:worker_threads';
import { CancelledError, SandboxLimitError, WeftError } from '../errors.ts';
import type { SandboxRequest, SandboxResponse, WorkerMessage } from './protocol.ts';

// Run from source (.ts, Node's type stripping) or from a compiled build (.js) alike.
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './sandbox-worker.ts' : './sandbox-worker.js',
  import.meta.url,
);

/** How long loading the WebAssembly module may take before the start counts as failed. */
const START_TIMEOUT_MS = 30_000;
/** Bound on the worker's own V8 heap (QuickJS memory lives in WebAssembly memory, limited per runtime). */
const WORKER_HEAP_MB = 512;

interface Thread {
  worker: Worker;
  lastError: Error | undefined;
}

/** Options for one request on a slot. */
export interface ExecuteOptions {
  /** Stop the worker if no answer comes within this many ms. */
  watchdogMs: number;
  /** The error to reject with when the watchdog fires. */
  onWatchdog: () => Error;
  signal?: AbortSignal;
}

/** A worker thread that runs sandbox requests one at a time. */
export class WorkerSlot {
  readonly #stackSizeMb: number;
  #thread: Thread | undefined;
  #starting: Promise<Thread> | undefined;
  #busy = false;
  #closed = false;

  constructor(options: { stackSizeMb: number }) {
    this.#stackSizeMb = options.stackSizeMb;
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** Sends `request` to the worker and resolves with its answer. */
  async execute(request: SandboxRequest, options: ExecuteOptions): Promise<SandboxResponse> {
    this.#busy = true;
    try {
      const thread = await this.#start();
      return await this.#exchange(thread, request, options);
    } finally {
      this.#busy = false;
    }
  }

  /** Stops the worker; a request in flight is rejected. */
  async close(): Promise<void> {
    this.#closed = true;
    const thread = this.#thread ?? (await this.#starting?.catch(() => undefined));
    if (thread) await this.#stop(thread);
  }

  #exchange(thread: Thread, request: SandboxRequest, options: ExecuteOptions): Promise<SandboxResponse> {
    const { worker } = thread;
    return new Promise<SandboxResponse>((resolve, reject) => {
      const settle = (then: () => void): void => {
        clearTimeout(watchdog);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        options.signal?.removeEventListener('abort', onAbort);
        worker.unref();
        then();
      };
      const onMessage = (message: WorkerMessage): void => {
        if (message.type !== 'response' || message.id !== request.id) return;
        settle(() => {
          // The VM hit a state it cannot be trusted after: start a fresh worker next time.
          if (message.poisoned) void this.#stop(thread);
          resolve(message);
        });
      };
      const onExit = (code: number): void => settle(() => reject(this.#exitError(thread, code)));
      const onAbort = (): void =>
        settle(() => {
          void this.#stop(thread);
          reject(new CancelledError('Sandbox evaluation cancelled'));
        });
      const watchdog = setTimeout(
        () =>
          settle(() => {
            void this.#stop(thread);
            reject(options.onWatchdog());
          }),
        options.watchdogMs,
      );
      if (options.signal?.aborted) return onAbort();
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      worker.postMessage(request);
    });
  }

  #exitError(thread: Thread, code: number): Error {
    if (this.#closed) return new WeftError('INTERNAL', 'The sandbox was closed');
    const cause = thread.lastError;
    if ((cause as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return new SandboxLimitError('The sandbox worker ran out of memory');
    }
    const reason = cause ? `: ${cause.message}` : '';
    return new WeftError('INTERNAL', `The sandbox worker stopped unexpectedly (exit code ${code})${reason}`, {
      cause,
    });
  }

  #start(): Promise<Thread> {
    if (this.#closed) return Promise.reject(new WeftError('INTERNAL', 'The sandbox was closed'));
    if (this.#thread) return Promise.resolve(this.#thread);
    this.#starting ??= this.#spawn().then(
      (thread) => {
        this.#starting = undefined;
        this.#thread = thread;
        return thread;
      },
      (error: unknown) => {
        this.#starting = undefined;
        throw error;
      },
    );
    return this.#starting;
  }

  #spawn(): Promise<Thread> {
    const worker = new Worker(WORKER_URL, {
      name: 'weft-sandbox',
      // Nothing of the parent's flags (inspector, test-runner hooks) or environment is needed.
      execArgv: [],
      env: {},
      resourceLimits: { stackSizeMb: this.#stackSizeMb, maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const thread: Thread = { worker, lastError: undefined };
    // Always listen: an 'error' event without a listener would crash the host process.
    worker.on('error', (error) => (thread.lastError = error));
    worker.on('exit', () => {
      if (this.#thread === thread) this.#thread = undefined;
    });
    return new Promise<Thread>((resolve, reject) => {
      const done = (then: () => void): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        worker.unref();
        then();
      };
      const onMessage = (message: WorkerMessage): void => {
        if (message.type === 'ready') done(() => resolve(thread));
        if (message.type === 'fatal') {
          done(() => {
            void worker.terminate();
            reject(new WeftError('INTERNAL', `Could not start the sandbox: ${message.message}`));
          });
        }
      };
      const onExit = (code: number): void => done(() => reject(this.#exitError(thread, code)));
      const timer = setTimeout(
        () =>
          done(() => {
            void worker.terminate();
            reject(
              new WeftError('INTERNAL', `The sandbox worker did not start within ${START_TIMEOUT_MS} ms`),
            );
          }),
        START_TIMEOUT_MS,
      );
      worker.on('message', onMessage);
      worker.on('exit', onExit);
    });
  }

  async #stop(thread: Thread): Promise<void> {
    if (this.#thread === thread) this.#thread = undefined;
    await thread.worker.terminate();
  }
}
