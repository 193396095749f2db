import * as events from './events.ts';
import * as nodeTypes from './node-types.ts';
import * as runs from './runs.ts';
import * as system from './system.ts';
import * as workflows from './workflows.ts';

/** Every route of the API, by id. The server mounts them; the web client reads their schemas. */
export const apiRoutes = { ...workflows, ...runs, ...events, ...nodeTypes, ...system };
export type ApiRoutes = typeof apiRoutes;
export type ApiRouteId = keyof ApiRoutes;
