import { apiRoutes } from '@weft/api';
import { NotFoundError } from '@weft/engine';
import { RequestError } from '../errors/request-error.ts';
import { route } from '../router/server-route.ts';
import type { ServerServices } from '../services.ts';
import { runEventSocket } from '../streaming/run-event-socket.ts';
import { resumeAfter, runEventSse } from '../streaming/run-event-sse.ts';
import { runStatusSse } from '../streaming/run-status-sse.ts';

async function assertRun(services: ServerServices, runId: string): Promise<void> {
  if (!(await services.store.getRun(runId))) throw new NotFoundError(`Run '${runId}' not found`);
}

export const listRunEvents = route(apiRoutes.listRunEvents, async ({ params, query, services }) => {
  await assertRun(services, params.id);
  const limit = query.limit ?? 100;
  const events = await services.store.listEvents(params.id, query.after ?? 0, limit);
  const last = events.at(-1);
  return { events, ...(events.length === limit && last ? { nextAfter: last.seq } : {}) };
});

export const streamRunEvents = route(
  apiRoutes.streamRunEvents,
  async ({ params, query, request, services }) => {
    const after = resumeAfter(request, query.after);
    await assertRun(services, params.id);
    return runEventSse(services, request, params.id, after);
  },
  { queryToken: true },
);

export const runEventsSocket = route(
  apiRoutes.runEventsSocket,
  async ({ params, query, hono, services }) => {
    await assertRun(services, params.id);
    if (hono.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new RequestError('UPGRADE_REQUIRED', 'Connect with a WebSocket client (Upgrade: websocket)');
    }
    // Only the listening Node server can hand over a socket (not `fetch` called in-process).
    if ((hono.env as { incoming?: unknown } | undefined)?.incoming === undefined) {
      throw new RequestError('UPGRADE_REQUIRED', 'WebSockets are served by `listen()`, not by `fetch()`');
    }
    return runEventSocket(services, hono, params.id, query.after ?? 0);
  },
  { queryToken: true },
);

export const streamRunStatuses = route(apiRoutes.streamRunStatuses, async ({ request, services }) =>
  runStatusSse(services, request),
  { queryToken: true },
);

export const eventRoutes = [listRunEvents, streamRunEvents, runEventsSocket, streamRunStatuses];
