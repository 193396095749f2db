import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { WeftError } from '@weft/engine';
import type { EgressClient } from '../../../egress/index.ts';

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for the MCP SDK that sends every request through the egress client, so an MCP URL is
 * checked like any other user-influenced request (after DNS, on every redirect). Responses are
 * read whole: request/response exchanges (JSON or an SSE stream that ends) work; a long-lived
 * server-sent stream does not.
 */
export function egressFetch(egress: EgressClient): FetchLike {
  return async (url, init = {}) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const body = init.body ?? undefined;
    if (body !== undefined && typeof body !== 'string') {
      throw new WeftError('INVALID_PARAMS', 'MCP over HTTP: only text request bodies are supported');
    }
    const response = await egress.request({
      url: String(url),
      method: init.method ?? 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    const bytes = NULL_BODY_STATUSES.has(response.status) ? null : new Uint8Array(response.body);
    return new Response(bytes, { status: response.status, headers: response.headers });
  };
}
