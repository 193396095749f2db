import type { Context, Hono } from 'hono';
import { Reply, type ServerRoute } from './server-route.ts';
import { readBody } from './read-body.ts';
import { parseOr400 } from './validate.ts';
import type { ServerServices } from '../services.ts';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/**
 * Mounts route objects on a Hono app. For each request: auth (unless the route is public), then
 * params, query and body validated with the route's own schemas, then the handler. Whatever is
 * thrown goes to the app's one error handler.
 */
export function mountRoutes(app: Hono, routes: readonly ServerRoute[], services: ServerServices): void {
  for (const route of routes) {
    app.on([route.method, ...(route.alsoMethods ?? [])], route.mountPath ?? route.path, (c) => invoke(route, c, services));
  }
}

async function invoke(route: ServerRoute, c: Context, services: ServerServices): Promise<Response> {
  const request = c.req.raw;
  if (!route.public) await services.auth.check(request, route.queryToken === true);
  const params = route.params ? parseOr400(route.params, c.req.param(), 'params') : {};
  const query = route.query ? parseOr400(route.query, c.req.query(), 'query') : {};
  const body = route.body
    ? parseOr400(route.body, await readBody(route, request, services.config.bodyLimitBytes), 'body')
    : undefined;
  const result = await route.handler({ params, query, body, request, services, hono: c });
  if (result instanceof Response) return result;
  const status = result instanceof Reply ? result.status : (route.status ?? 200);
  const payload: unknown = result instanceof Reply ? result.body : result;
  if (services.config.validateResponses) checkResponse(route, payload);
  const response = new Response(JSON.stringify(payload), { status, headers: JSON_HEADERS });
  if (result instanceof Reply && result.headers) {
    for (const [key, value] of Object.entries(result.headers)) response.headers.set(key, value);
  }
  return response;
}

/** In tests: an answer that breaks the contract is a server bug, reported as one. */
function checkResponse(route: ServerRoute, payload: unknown): void {
  const result = route.response.safeParse(payload);
  if (!result.success) {
    throw new Error(`Answer of ${route.id} does not match its response schema: ${result.error.message}`);
  }
}
