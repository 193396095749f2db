// Test doubles for egress and tool tests: loopback servers that record what reached them, and a
// probe that sees every client socket the process opens. Not exported from the package index.
import diagnostics from 'node:diagnostics_channel';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a loopback server saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on a loopback address that counts connections and records requests. */
export interface LoopbackServer {
  host: string;
  port: number;
  /** `http://host:port` (IPv6 hosts bracketed). */
  origin: string;
  connections: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Handles one request; `body` is the full request body. */
export type TestHandler = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
  body: string,
) => void;

/** Starts a loopback server on an ephemeral port. */
export async function startLoopbackServer(
  handler: TestHandler = (_q, r) => r.end('ok'),
  host = '127.0.0.1',
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handler(request, response, body);
    });
  });
  const state = { connections: 0 };
  server.on('connection', () => state.connections++);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, () => resolve()));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    host,
    port,
    origin,
    get connections() {
      return state.connections;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Counts client sockets created anywhere in this process while it is subscribed. */
export function watchClientSockets(): { readonly count: number; stop(): void } {
  let count = 0;
  const onSocket = () => count++;
  diagnostics.subscribe('net.client.socket', onSocket);
  return {
    get count() {
      return count;
    },
    stop: () => diagnostics.unsubscribe('net.client.socket', onSocket),
  };
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; retryable?: boolean; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`Rejected with a non-Error: ${String(error)}`, { cause: error });
  }
  throw new Error('Expected the promise to reject, but it resolved');
}
