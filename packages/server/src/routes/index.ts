import type { ServerRoute } from '../router/server-route.ts';
import { artifactRoutes } from './artifacts.ts';
import { chatRoutes } from './chat.ts';
import { credentialRoutes } from './credentials.ts';
import { eventRoutes } from './events.ts';
import { nodeTypeRoutes } from './node-types.ts';
import { rerunAndTestRoutes } from './rerun-and-test.ts';
import { runActionRoutes } from './run-actions.ts';
import { runRoutes } from './runs.ts';
import { scheduleRoutes } from './schedules.ts';
import { systemRoutes } from './system.ts';
import { templateRoutes } from './templates.ts';
import { tokenRoutes } from './tokens.ts';
import { webhookRoutes } from './webhooks.ts';
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
  ...artifactRoutes,
  ...eventRoutes,
  ...webhookRoutes,
  ...scheduleRoutes,
  ...chatRoutes,
  ...credentialRoutes,
  ...tokenRoutes,
  ...nodeTypeRoutes,
  ...templateRoutes,
  ...systemRoutes,
];
