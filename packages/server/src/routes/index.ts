import type { ServerRoute } from '../router/server-route.ts';
import { eventRoutes } from './events.ts';
import { nodeTypeRoutes } from './node-types.ts';
import { rerunAndTestRoutes } from './rerun-and-test.ts';
import { runActionRoutes } from './run-actions.ts';
import { runRoutes } from './runs.ts';
import { systemRoutes } from './system.ts';
import { workflowRoutes } from './workflows.ts';

/**
 * Every route the server mounts. To add a resource: write `routes/<resource>.ts` exporting
 * `route(contract, handler)` objects (the contract in `@weft/api`), and list them here.
 */
export const serverRoutes: readonly ServerRoute[] = [
  ...workflowRoutes,
  ...runRoutes,
  ...runActionRoutes,
  ...rerunAndTestRoutes,
  ...eventRoutes,
  ...nodeTypeRoutes,
  ...systemRoutes,
];
