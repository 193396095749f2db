import type { Clock } from '../ports/clock.ts';

interface Timer {
  due: number;
  resolve: () => void;
}

/**
 * A clock whose time only moves when timers fire. Pending sleeps fire in due order as soon as the
 * event loop is free, so retries with backoff and long waits take no real time.
 */
export class FakeClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #scheduled = false;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward by hand. */
  advance(ms: number): void {
    this.#now += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        due: this.#now + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setTimeout(0) lets in-flight work (microtasks, I/O callbacks) run first, so the earliest timer
    // fires only when nothing else is ready, as it would in real time.
    setTimeout(() => {
      this.#scheduled = false;
      if (this.#timers.length === 0) return;
      this.#timers.sort((a, b) => a.due - b.due);
      const next = this.#timers.shift() as Timer;
      this.#now = Math.max(this.#now, next.due);
      next.resolve();
      if (this.#timers.length > 0) this.#schedule();
    }, 1);
  }
}
