import { upgradeWebSocket } from '@hono/node-server';
import type { Context } from 'hono';
import type { ServerServices } from '../services.ts';
import { RunEventFeed } from './run-event-feed.ts';

/** Bytes a socket may have unsent before it is closed as too slow (the client resumes with `?after=`). */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  readonly raw?: unknown;
}

/**
 * Upgrades to a WebSocket that carries a run's events as JSON messages, in seq order, the same
 * events as the SSE stream. Closes with 1000 after the run's final event.
 */
export function runEventSocket(services: ServerServices, c: Context, runId: string, after: number): Promise<Response> {
  let feed: RunEventFeed | undefined;
  let ping: NodeJS.Timeout | undefined;
  const stop = { close: () => {} };
  const cleanup = () => {
    feed?.close();
    clearInterval(ping);
    services.streams.delete(stop);
  };
  return upgradeWebSocket(c, {
    onOpen(_event, ws: SocketLike) {
      const raw = ws.raw as { bufferedAmount?: number; ping?: () => void } | undefined;
      stop.close = () => {
        cleanup();
        ws.close(1001, 'server shutting down');
      };
      services.streams.add(stop);
      ping = setInterval(() => raw?.ping?.(), services.config.heartbeatMs);
      ping.unref();
      feed = new RunEventFeed({
        engine: services.engine,
        store: services.store,
        runId,
        after,
        logger: services.logger,
        send: (event) => {
          if ((raw?.bufferedAmount ?? 0) > MAX_BUFFERED_BYTES) {
            cleanup();
            ws.close(1013, 'client too slow: reconnect with ?after=<last seq>');
            return;
          }
          ws.send(JSON.stringify(event));
        },
        onEnd: (reason) => {
          cleanup();
          if (reason === 'run-ended') ws.close(1000, 'run ended');
          else if (reason === 'slow-consumer') ws.close(1013, 'client too slow: reconnect with ?after=<last seq>');
          else ws.close(1011, 'could not read the run’s events');
        },
      });
      feed.start();
    },
    onClose: cleanup,
    onError: cleanup,
  });
}
