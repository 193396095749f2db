import { TERMINAL_RUN_STATUSES, type Engine, type Logger, type RunEvent, type RunStore } from '@weft/engine';

const PAGE = 500;
/** Live events held for a consumer that cannot keep up; past this the feed ends (the client resumes by seq). */
const MAX_BUFFERED = 10_000;
const TERMINAL_TYPES: ReadonlySet<string> = new Set(['run.succeeded', 'run.failed', 'run.cancelled']);

/** Why a feed ended. */
export type FeedEnd = 'run-ended' | 'closed' | 'slow-consumer' | 'error';

export interface RunEventFeedOptions {
  engine: Pick<Engine, 'subscribe'>;
  store: Pick<RunStore, 'listEvents' | 'getRun'>;
  runId: string;
  /** Send events with seq greater than this. */
  after: number;
  /** Delivers one event; a returned promise holds the feed until the transport has room. */
  send(event: RunEvent): void | Promise<void>;
  /** Called once when the feed ends, for any reason except `close()`. */
  onEnd(reason: FeedEnd): void;
  logger: Logger;
}

/**
 * A run's events in seq order, stored ones first and then live ones, with none lost or repeated.
 * It subscribes before reading the store and buffers what arrives meanwhile; every event is sent
 * only if its seq is above the last one sent, and a gap in the live events is filled from the
 * store. It ends after the run's final event (once caught up), or when closed.
 */
export class RunEventFeed {
  readonly #o: RunEventFeedOptions;
  readonly #buffer: RunEvent[] = [];
  #lastSent: number;
  #live = false;
  #draining = false;
  #ended = false;
  #unsubscribe: (() => void) | undefined;

  constructor(options: RunEventFeedOptions) {
    this.#o = options;
    this.#lastSent = options.after;
  }

  /** Seq of the last event sent. */
  get lastSent(): number {
    return this.#lastSent;
  }

  /** Starts delivering. Rejections are reported through `onEnd('error')`. */
  start(): void {
    this.#unsubscribe = this.#o.engine.subscribe(this.#o.runId, (event) => {
      if (this.#ended) return;
      this.#buffer.push(event);
      if (this.#buffer.length > MAX_BUFFERED) return this.#end('slow-consumer');
      if (this.#live) void this.#drain();
    });
    void this.#catchUp();
  }

  /** Stops (client gone, server closing). `onEnd` is not called. */
  close(): void {
    this.#ended = true;
    this.#unsubscribe?.();
  }

  async #catchUp(): Promise<void> {
    try {
      await this.#replayStored();
      const run = await this.#o.store.getRun(this.#o.runId);
      if (!run || TERMINAL_RUN_STATUSES.includes(run.status)) {
        // Ended before or while we read: send what is left, then finish.
        await this.#replayStored();
        return this.#end('run-ended');
      }
      this.#live = true;
      await this.#drain();
    } catch (error) {
      this.#fail(error);
    }
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (!this.#ended && this.#buffer.length > 0) {
        const event = this.#buffer.shift() as RunEvent;
        if (event.seq <= this.#lastSent) continue;
        if (event.seq > this.#lastSent + 1) await this.#replayStored();
        if (event.seq <= this.#lastSent) continue;
        await this.#send(event);
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#draining = false;
    }
  }

  async #replayStored(): Promise<void> {
    for (;;) {
      if (this.#ended) return;
      const page = await this.#o.store.listEvents(this.#o.runId, this.#lastSent, PAGE);
      for (const event of page) {
        if (this.#ended) return;
        if (event.seq > this.#lastSent) await this.#send(event);
      }
      if (page.length < PAGE) return;
    }
  }

  async #send(event: RunEvent): Promise<void> {
    this.#lastSent = event.seq;
    await this.#o.send(event);
    // While catching up, a final event may be followed by a retry's events; only live ones end the feed.
    if (this.#live && TERMINAL_TYPES.has(event.type)) this.#end('run-ended');
  }

  #fail(error: unknown): void {
    if (this.#ended) return;
    this.#o.logger.warn('Run event feed failed', { runId: this.#o.runId, error: String(error) });
    this.#end('error');
  }

  #end(reason: FeedEnd): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#unsubscribe?.();
    this.#o.onEnd(reason);
  }
}
