import type { RunEvent } from '@weft/engine';
import { invalidRequest } from '../errors/request-error.ts';
import type { ServerServices } from '../services.ts';
import { RunEventFeed } from './run-event-feed.ts';
import { SseStream } from './sse-stream.ts';

/** The seq to resume after: the `Last-Event-ID` header wins over `?after=` (EventSource resends the URL). */
export function resumeAfter(request: Request, after: number | undefined): number {
  const header = request.headers.get('last-event-id');
  if (header === null || header.trim() === '') return after ?? 0;
  if (!/^\d{1,15}$/.test(header.trim())) {
    throw invalidRequest('Last-Event-ID must be the seq of an event (a whole number)', 'headers.last-event-id');
  }
  return Number(header.trim());
}

/** Streams a run's events as SSE: `id:` seq, `event:` type, `data:` the event as JSON. */
export function runEventSse(services: ServerServices, request: Request, runId: string, after: number): Response {
  // The feed and the stream refer to each other; neither calls the other before `feed.start()`.
  const feed = new RunEventFeed({
    engine: services.engine,
    store: services.store,
    runId,
    after,
    logger: services.logger,
    send: (event: RunEvent) => stream.send({ id: event.seq, event: event.type, data: JSON.stringify(event) }),
    onEnd: () => stream.close(),
  });
  const stream = new SseStream({
    heartbeatMs: services.config.heartbeatMs,
    signal: request.signal,
    onClose: () => {
      feed.close();
      services.streams.delete(stream);
    },
  });
  services.streams.add(stream);
  // Tells EventSource to reconnect soon after a drop; it then sends Last-Event-ID.
  void stream.write('retry: 2000\n\n');
  feed.start();
  return stream.response();
}
