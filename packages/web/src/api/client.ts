import {
  routeUrl,
  type ContractRoute,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '@weft/api';
import { ApiError, NetworkError } from './errors.ts';
import { getToken } from './token.ts';

type Query = Record<string, string | number | boolean | undefined>;

/** What a call to a route takes: path params, query and body, each typed by the route's contract. */
export type CallArgs<R extends ContractRoute> = {
  params?: RouteParams<R>;
  query?: RouteQuery<R> & Query;
  body?: RouteBody<R>;
  /** A raw body (YAML text) with its media type, instead of JSON. */
  raw?: { text: string; type: string };
  signal?: AbortSignal;
};

/** Headers of every API request: the token, when this browser has one. */
export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Sends a request and turns any failure into an ApiError or a NetworkError. */
export async function request(url: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { ...authHeaders(), ...(init.headers as Record<string, string>) } });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new NetworkError(url, error);
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; path?: string; details?: unknown } };
    if (body.error && typeof body.error.message === 'string') {
      return new ApiError(response.status, {
        code: body.error.code ?? 'ERROR',
        message: body.error.message,
        path: body.error.path,
        details: body.error.details,
      });
    }
  } catch {
    // Not JSON: a proxy's page, say.
  }
  return new ApiError(response.status, { code: `HTTP_${response.status}`, message: text.slice(0, 300) || response.statusText });
}

/**
 * Calls one route of the API contract.
 *
 * @example const { run } = await call(apiRoutes.getRun, { params: { id } });
 */
export async function call<R extends ContractRoute>(route: R, args: CallArgs<R> = {}): Promise<RouteResponse<R>> {
  const url = routeUrl(route, (args.params ?? {}) as Record<string, string>, (args.query ?? {}) as Query);
  const init: RequestInit = { method: route.method };
  if (args.signal) init.signal = args.signal;
  if (args.raw) {
    init.body = args.raw.text;
    init.headers = { 'content-type': args.raw.type };
  } else if (args.body !== undefined) {
    init.body = JSON.stringify(args.body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await request(url, init);
  if (response.status === 204) return undefined as RouteResponse<R>;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) return (await response.json()) as RouteResponse<R>;
  return (await response.text()) as RouteResponse<R>;
}
