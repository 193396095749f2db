import type { z } from 'zod';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Request body media types a route may accept. */
export type BodyMediaType = 'application/json' | 'application/yaml' | 'text/yaml';

/** What a successful answer carries. `websocket` means the route upgrades the connection. */
export type ResponseMediaType =
  | 'application/json'
  | 'application/yaml'
  | 'text/event-stream'
  | 'text/plain'
  | 'text/html'
  | 'application/octet-stream'
  | 'websocket';

/**
 * One route of the API as data: method, path, schemas, docs. No handler: the server adds one, the
 * web client and the OpenAPI document read the same object.
 */
export interface ContractRoute {
  /** Unique name, also the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** Path with `:name` parameters, e.g. `/api/runs/:id`. Webhooks live outside `/api`, under `/hooks`. */
  path: `/api/${string}` | `/hooks/${string}`;
  /** Other methods the route answers with the same contract (webhooks take several). */
  alsoMethods?: readonly HttpMethod[];
  summary: string;
  description?: string;
  tags: readonly string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Media types the body may have (default JSON only). YAML bodies are parsed before validation. */
  bodyTypes?: readonly BodyMediaType[];
  /** Schema of a successful answer (for streams: of one event). */
  response: z.ZodType;
  /** Status of a successful answer (default 200). */
  status?: number;
  /** Media type of a successful answer (default JSON). */
  produces?: ResponseMediaType;
  /** Statuses this route answers with on purpose besides success, 400 and 401 (documented in OpenAPI). */
  errors?: readonly number[];
  /** Reachable without an API token. */
  public?: boolean;
}

/** Declares a route, keeping its literal types (schemas, path) for clients and handlers. */
export function defineRoute<const R extends ContractRoute>(route: R): R {
  return route;
}

type InputOf<S, Otherwise> = S extends z.ZodType ? z.input<S> : Otherwise;
type OutputOf<S, Otherwise> = S extends z.ZodType ? z.output<S> : Otherwise;

/** Path parameters a client passes to a route. */
export type RouteParams<R extends ContractRoute> = InputOf<R['params'], Record<string, never>>;
/** Query a client passes to a route (strings, as they travel in the URL). */
export type RouteQuery<R extends ContractRoute> = InputOf<R['query'], Record<string, never>>;
/** Body a client sends to a route. */
export type RouteBody<R extends ContractRoute> = InputOf<R['body'], undefined>;
/** What a client gets back from a route. */
export type RouteResponse<R extends ContractRoute> = z.output<R['response']>;

/** Params, query and body as the server's handler sees them (after validation and defaults). */
export type ParsedParams<R extends ContractRoute> = OutputOf<R['params'], Record<string, never>>;
export type ParsedQuery<R extends ContractRoute> = OutputOf<R['query'], Record<string, never>>;
export type ParsedBody<R extends ContractRoute> = OutputOf<R['body'], undefined>;

/**
 * Fills a route's path parameters (URL-encoded) and appends a query string.
 *
 * @example routeUrl(apiRoutes.getRun, { id: 'r1' }) // '/api/runs/r1'
 */
export function routeUrl(
  route: Pick<ContractRoute, 'path'>,
  params: Record<string, string | number> = {},
  query: Record<string, string | number | boolean | undefined> = {},
): string {
  const path = route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`routeUrl: missing path parameter '${name}' for ${route.path}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
