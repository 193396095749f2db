import type { ContractRoute, ParsedBody, ParsedParams, ParsedQuery } from '@weft/api';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { ServerServices } from '../services.ts';

/** What a handler receives: validated params, query and body, and the server's services. */
export interface RouteContext<R extends ContractRoute> {
  params: ParsedParams<R>;
  query: ParsedQuery<R>;
  body: ParsedBody<R>;
  request: Request;
  services: ServerServices;
  /** The Hono context, for what only Hono can do (upgrading to a WebSocket). */
  hono: Context;
}

/** An answer with a status or headers other than the route's defaults. */
export class Reply<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Record<string, string> | undefined;
  constructor(status: number, body: T, headers?: Record<string, string>) {
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** Answers `body` with `status` (checked against the route's response schema like any answer). */
export function reply<T>(status: number, body: T, headers?: Record<string, string>): Reply<T> {
  return new Reply(status, body, headers);
}

/** A handler answers the route's response (JSON), a `Reply` of it, or any `Response` (streams, text). */
export type RouteResult<R extends ContractRoute> = z.input<R['response']> | Reply<z.input<R['response']>> | Response;

/** A contract route with its handler: what a file under `routes/` exports. */
export interface ServerRoute extends ContractRoute {
  /** Accept the token as `?access_token=` too (WebSocket and EventSource clients cannot set headers). */
  queryToken?: boolean;
  /** The path as Hono matches it, when the contract's cannot say it (`/hooks/:path{.+}`: a param holding slashes). */
  mountPath?: string;
  handler(ctx: RouteContext<ContractRoute>): Promise<unknown>;
}

/**
 * Gives a contract route its handler. The handler sees the route's own parsed types.
 *
 * @example export const getRun = route(apiRoutes.getRun, async ({ params, services }) => ({ ... }));
 */
export function route<R extends ContractRoute>(
  contract: R,
  handler: (ctx: RouteContext<R>) => Promise<RouteResult<R>>,
  options: { queryToken?: boolean; mountPath?: string } = {},
): ServerRoute {
  // The router validates params, query and body with this same route's schemas before calling the
  // handler, so widening the handler's context type here is safe.
  return { ...contract, ...options, handler: handler as unknown as ServerRoute['handler'] };
}
