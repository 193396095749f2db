const encoder = new TextEncoder();
/** Chunks held for a client that reads nothing; past this the stream is closed (it may resume). */
const MAX_QUEUED = 10_000;

/** Headers of every event stream. `x-accel-buffering` stops nginx from holding events back. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

/** One Server-Sent Events message. */
export interface SseMessage {
  id?: string | number;
  event?: string;
  data: string;
}

/** Formats a message: `id:`, `event:`, then one `data:` line per line of data. */
export function formatSse(message: SseMessage): string {
  let text = '';
  if (message.id !== undefined) text += `id: ${message.id}\n`;
  if (message.event !== undefined) text += `event: ${message.event}\n`;
  for (const line of message.data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
  return `${text}\n`;
}

export interface SseStreamOptions {
  heartbeatMs: number;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /** Called once when the stream stops, for any reason: release subscriptions here. */
  onClose(): void;
}

/**
 * A Server-Sent Events body with backpressure (`write` waits while the client is slow), heartbeat
 * comments so proxies keep the connection open, and one `onClose` when the client disconnects or the
 * server ends the stream.
 */
export class SseStream {
  readonly body: ReadableStream<Uint8Array>;
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #waiter: (() => void) | undefined;
  #closed = false;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #options: SseStreamOptions;
  readonly #onAbort = () => this.close();

  constructor(options: SseStreamOptions) {
    this.#options = options;
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => this.#release(),
        cancel: () => this.close(),
      },
      { highWaterMark: 32 },
    );
    this.#heartbeat = setInterval(() => this.#enqueue(': ping\n\n'), options.heartbeatMs);
    this.#heartbeat.unref();
    if (options.signal.aborted) queueMicrotask(this.#onAbort);
    else options.signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The answer to send. */
  response(headers: Record<string, string> = {}): Response {
    return new Response(this.body, { status: 200, headers: { ...SSE_HEADERS, ...headers } });
  }

  /** Writes raw SSE text, waiting while the client's buffer is full. */
  async write(text: string): Promise<void> {
    if (!this.#enqueue(text)) return;
    if ((this.#controller?.desiredSize ?? 1) <= 0) {
      await new Promise<void>((resolve) => {
        this.#waiter = resolve;
      });
    }
  }

  /** Writes one message. */
  send(message: SseMessage): Promise<void> {
    return this.write(formatSse(message));
  }

  /** Ends the stream (idempotent). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    this.#options.signal.removeEventListener('abort', this.#onAbort);
    this.#release();
    try {
      this.#controller?.close();
    } catch {
      // Already closed or cancelled by the client.
    }
    this.#options.onClose();
  }

  #enqueue(text: string): boolean {
    if (this.#closed || !this.#controller) return false;
    if ((this.#controller.desiredSize ?? 0) < -MAX_QUEUED) {
      this.close();
      return false;
    }
    try {
      this.#controller.enqueue(encoder.encode(text));
      return true;
    } catch {
      this.close();
      return false;
    }
  }

  #release(): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }
}
