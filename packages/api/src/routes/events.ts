import { defineRoute } from '../route.ts';
import {
  eventPageSchema,
  eventStreamParams,
  listEventsQuerySchema,
  runEventSchema,
  runStatusChangeSchema,
  streamEventsQuerySchema,
} from '../schemas/events.ts';

const tags = ['events'] as const;

export const listRunEvents = defineRoute({
  id: 'listRunEvents',
  method: 'GET',
  path: '/api/runs/:id/events',
  summary: 'List a run’s events, oldest first',
  tags,
  params: eventStreamParams,
  query: listEventsQuerySchema,
  response: eventPageSchema,
  errors: [404],
});

export const streamRunEvents = defineRoute({
  id: 'streamRunEvents',
  method: 'GET',
  path: '/api/runs/:id/events/stream',
  summary: 'Follow a run’s events (Server-Sent Events)',
  description:
    'Each message has `id:` = seq, `event:` = type and `data:` = the event as JSON. Stored events come first, then live ones, none lost or repeated. Resume with the `Last-Event-ID` header (or `?after=`). A `: ping` comment is sent every 15 s. The stream ends after the run’s final event.',
  tags,
  params: eventStreamParams,
  query: streamEventsQuerySchema,
  response: runEventSchema,
  produces: 'text/event-stream',
  errors: [404],
});

export const runEventsSocket = defineRoute({
  id: 'runEventsSocket',
  method: 'GET',
  path: '/api/runs/:id/ws',
  summary: 'Follow a run’s events (WebSocket)',
  description:
    'Upgrade to a WebSocket; each message is one event as JSON, in seq order, as on the SSE stream. Resume with `?after=`. The socket closes (code 1000) after the run’s final event. Browsers, which cannot set headers on a WebSocket, may pass the token as `?access_token=`.',
  tags,
  params: eventStreamParams,
  query: streamEventsQuerySchema,
  response: runEventSchema,
  produces: 'websocket',
  errors: [404, 426],
});

export const streamRunStatuses = defineRoute({
  id: 'streamRunStatuses',
  method: 'GET',
  path: '/api/events/runs',
  summary: 'Follow status changes of all runs (Server-Sent Events)',
  description: 'For dashboards: one `run.*` message per status change of any run, live only (refetch the list on reconnect).',
  tags,
  response: runStatusChangeSchema,
  produces: 'text/event-stream',
});
