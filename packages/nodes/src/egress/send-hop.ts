import http from 'node:http';
import https from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { WeftError } from '@weft/engine';
import { connectedAddressProblem } from './check-target.ts';
import type { CheckedTarget, EgressPolicy } from './check-target.ts';
import { EgressInvalidRequestError, EgressNetworkError, redactUrl } from './errors.ts';
import type { PendingRequest } from './redirects.ts';
import type { ResolvedAddress } from './types.ts';

/** Keep-alive agents owned by one client, so no socket is shared with code outside egress. */
export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

/** Everything one hop needs. */
export interface Hop {
  request: PendingRequest;
  target: CheckedTarget;
  policy: EgressPolicy;
  agents: Agents;
  signal: AbortSignal;
}

/**
 * Sends one request to a checked target and resolves with the response head. DNS is not
 * consulted again: a custom `lookup` hands the socket only the addresses that were checked,
 * which closes the DNS-rebinding gap; the connected address is checked once more anyway.
 */
export function sendHop({ request, target, policy, agents, signal }: Hop): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const secure = target.url.protocol === 'https:';
    const { username, password } = target.url;
    const headers = { ...request.headers };
    if (request.body) headers['content-length'] = String(request.body.byteLength);

    let outgoing: http.ClientRequest;
    try {
      outgoing = (secure ? https : http).request({
        protocol: target.url.protocol,
        hostname: target.hostname,
        port: target.port,
        path: `${target.url.pathname}${target.url.search}`,
        method: request.method,
        headers,
        agent: secure ? agents.https : agents.http,
        lookup: pinnedLookup(target.addresses),
        ...(username || password
          ? { auth: `${decodeURIComponent(username)}:${decodeURIComponent(password)}` }
          : {}),
      });
    } catch (cause) {
      // Node validates methods and header values synchronously.
      reject(
        new EgressInvalidRequestError(
          `Invalid request to ${redactUrl(target.url)}: ${(cause as Error).message}`,
          cause,
        ),
      );
      return;
    }

    const onAbort = () => outgoing.destroy(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.once('close', () => signal.removeEventListener('abort', onAbort));

    outgoing.once('socket', (socket: Socket) => {
      const verify = () => {
        const problem = socket.remoteAddress
          ? connectedAddressProblem(target, socket.remoteAddress, policy)
          : undefined;
        if (problem) outgoing.destroy(problem);
      };
      // A reused keep-alive socket is already connected; a new one is checked on connect.
      if (socket.remoteAddress && !socket.connecting) verify();
      else socket.once('connect', verify);
    });
    outgoing.once('response', resolve);
    // `on`, not `once`: a socket error after the response must not become an uncaught one.
    outgoing.on('error', (error) =>
      reject(signal.aborted || error instanceof WeftError ? error : networkError(error, target.url)),
    );
    outgoing.end(request.body);
  });
}

/** A `lookup` that answers only with pre-checked addresses, honouring `family` and `all`. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable =
      family === 4 || family === 6 ? addresses.filter((entry) => entry.family === family) : addresses;
    const first = usable[0];
    if (!first) {
      const error: NodeJS.ErrnoException = new Error(
        `No IPv${family ?? ''} address was checked for this host`,
      );
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
    } else if (options.all) callback(null, usable);
    else callback(null, first.address, first.family);
  };
}

const NETWORK_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed while sending',
  ENOTFOUND: 'the host name was not found',
};

// Certificate problems do not fix themselves on retry; everything else on the wire might.
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|ALTNAME/;

function networkError(error: Error, url: URL): EgressNetworkError {
  const code =
    typeof (error as NodeJS.ErrnoException).code === 'string'
      ? (error as NodeJS.ErrnoException).code
      : undefined;
  const what = (code && NETWORK_MESSAGES[code]) ?? error.message;
  const tls = code !== undefined && TLS_CODE.test(code);
  return new EgressNetworkError(`Request to ${redactUrl(url)} failed: ${what}${code ? ` (${code})` : ''}.`, {
    cause: error,
    retryable: !tls,
    details: { url: redactUrl(url), ...(code ? { errorCode: code } : {}) },
  });
}
