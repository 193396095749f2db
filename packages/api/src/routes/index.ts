import * as artifacts from './artifacts.ts';
import * as chat from './chat.ts';
import * as credentials from './credentials.ts';
import * as events from './events.ts';
import * as nodeTypes from './node-types.ts';
import * as runs from './runs.ts';
import * as schedules from './schedules.ts';
import * as system from './system.ts';
import * as templates from './templates.ts';
import * as tokens from './tokens.ts';
import * as webhooks from './webhooks.ts';
import * as workflows from './workflows.ts';

/** Every route of the API, by id. The server mounts them; the web client reads their schemas. */
export const apiRoutes = {
  ...workflows,
  ...runs,
  ...artifacts,
  ...events,
  ...webhooks,
  ...schedules,
  ...chat,
  ...credentials,
  ...tokens,
  ...nodeTypes,
  ...templates,
  ...system,
};
export type ApiRoutes = typeof apiRoutes;
export type ApiRouteId = keyof ApiRoutes;
