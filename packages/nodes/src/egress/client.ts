import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { CancelledError, EgressBlockedError, TimeoutError } from '@weft/engine';
import { parseAllowlist } from './allowlist.ts';
import { checkTarget } from './check-target.ts';
import type { EgressPolicy } from './check-target.ts';
import {
  EgressInvalidRequestError,
  EgressRedirectError,
  EgressResponseTooLargeError,
  redactUrl,
} from './errors.ts';
import { readBody } from './read-body.ts';
import { followRedirect, isRedirect } from './redirects.ts';
import type { PendingRequest } from './redirects.ts';
import { toEgressResponse } from './response.ts';
import { sendHop } from './send-hop.ts';
import type { Agents } from './send-hop.ts';
import type { EgressClient, EgressClientOptions, EgressRequest, EgressResponse, Resolver } from './types.ts';

/** Default cap on a decoded response body: 5 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
/** Default time limit for a whole request, redirects and body included. */
export const DEFAULT_EGRESS_TIMEOUT_MS = 30_000;
/** Default number of redirects followed. */
export const DEFAULT_MAX_REDIRECTS = 5;

const systemResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, order: 'verbatim' });
  return found.flatMap((entry) =>
    entry.family === 4 || entry.family === 6 ? [{ address: entry.address, family: entry.family }] : [],
  );
};

/**
 * Creates the egress client: the only way user-influenced HTTP leaves Weft. It refuses
 * non-http(s) schemes and private, loopback, link-local, CGNAT, metadata and other non-public
 * addresses (after DNS, on every redirect hop) unless `allow` trusts them.
 *
 * @example
 * const egress = createEgressClient({ allow: ['10.0.0.0/8'] });
 * const res = await egress.request({ url: 'https://example.com', signal });
 */
export function createEgressClient(options: EgressClientOptions = {}): EgressClient {
  const policy: EgressPolicy = {
    allowlist: parseAllowlist(options.allow ?? []),
    resolve: options.resolve ?? systemResolver,
  };
  const agents: Agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const userAgent = options.userAgent ?? 'Weft/0.1 (+egress)';

  async function send(
    request: EgressRequest,
    signal: AbortSignal,
    maxBytes: number,
  ): Promise<EgressResponse> {
    let pending = initialRequest(request, userAgent);
    for (let redirects = 0; ; redirects++) {
      const target = await checkTarget(pending.url, policy, signal);
      const response = await sendHop({ request: pending, target, policy, agents, signal });
      const location = response.headers.location;
      if (isRedirect(response.statusCode ?? 0) && location !== undefined) {
        // Not drained: a hostile server could stream a redirect body forever.
        response.destroy();
        if (redirects >= maxRedirects) {
          throw new EgressRedirectError(
            `${redactUrl(new URL(request.url))} redirected more than ${maxRedirects} times; giving up.`,
            {
              url: redactUrl(pending.url),
              maxRedirects,
            },
          );
        }
        pending = followRedirect(pending, response.statusCode ?? 0, location);
        continue;
      }
      const body = await readBody(response, pending.url, maxBytes);
      return toEgressResponse({
        status: response.statusCode ?? 0,
        headers: response.headers,
        url: pending.url,
        redirects,
        body,
      });
    }
  }

  return {
    async request(request) {
      const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? DEFAULT_EGRESS_TIMEOUT_MS;
      const maxBytes = request.maxResponseBytes ?? options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
      const timeout = new AbortController();
      const timer = setTimeout(
        () => timeout.abort(new TimeoutError(`Request timed out after ${timeoutMs} ms`)),
        timeoutMs,
      );
      const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
      try {
        return await send(request, signal, maxBytes);
      } catch (error) {
        throw explainAbort(error, request, timeoutMs, timeout.signal);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function initialRequest(request: EgressRequest, userAgent: string): PendingRequest {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch (cause) {
    throw new EgressInvalidRequestError(`"${request.url.slice(0, 200)}" is not a valid absolute URL.`, cause);
  }
  url.hash = '';
  const headers: Record<string, string> = { 'user-agent': userAgent, 'accept-encoding': 'gzip, deflate, br' };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  const body = typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
  return { url, method: (request.method ?? 'GET').toUpperCase(), headers, body };
}

// Errors that explain themselves survive an abort that happened to follow them.
const OWN_ERRORS = [
  EgressBlockedError,
  EgressRedirectError,
  EgressResponseTooLargeError,
  EgressInvalidRequestError,
];

function explainAbort(
  error: unknown,
  request: EgressRequest,
  timeoutMs: number,
  timeout: AbortSignal,
): unknown {
  if (OWN_ERRORS.some((type) => error instanceof type)) return error;
  const where = describe(request.url);
  if (request.signal?.aborted) return new CancelledError(`Request to ${where} was cancelled`);
  if (timeout.aborted)
    return new TimeoutError(`Request to ${where} took longer than ${timeoutMs} ms and was stopped`);
  return error;
}

function describe(url: string): string {
  try {
    return redactUrl(new URL(url));
  } catch {
    return 'an invalid URL';
  }
}
