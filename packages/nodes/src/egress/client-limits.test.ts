import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, TimeoutError } from '@weft/engine';
import { createEgressClient } from './client.ts';
import { EgressInvalidRequestError, EgressNetworkError, EgressResponseTooLargeError } from './errors.ts';
import { rejectionOf, startLoopbackServer } from './test-support.ts';
import type { LoopbackServer } from './test-support.ts';

const MiB = 1024 * 1024;

// Routes: /big (6 MiB, with Content-Length), /chunked (6 MiB, no length), /bomb (gzip of 20 MiB),
// /gzip (small gzipped JSON), /hang (never answers), /stall (headers, then nothing), /echo.
let server: LoopbackServer;
beforeAll(async () => {
  const big = Buffer.alloc(6 * MiB, 'a');
  const bomb = gzipSync(Buffer.alloc(20 * MiB));
  server = await startLoopbackServer((request, response, body) => {
    switch (request.url) {
      case '/big':
        response.writeHead(200, { 'content-length': big.length }).end(big);
        break;
      case '/chunked':
        for (let i = 0; i < 6; i++) response.write(big.subarray(0, MiB));
        response.end();
        break;
      case '/bomb':
        response.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
        break;
      case '/gzip':
        response.writeHead(200, {
          'content-encoding': 'gzip',
          'content-type': 'application/json; charset=utf-8',
        });
        response.end(gzipSync(JSON.stringify({ hello: 'wörld' })));
        break;
      case '/hang':
        break;
      case '/stall':
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('partial');
        break;
      case '/latin1':
        response
          .writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' })
          .end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
        break;
      default:
        response.writeHead(200, { 'content-type': 'text/plain', 'x-multi': ['a', 'b'] });
        response.end(`${request.method} ${body} ${request.headers['user-agent'] ?? ''}`);
    }
  });
});
afterAll(() => server.close());

const client = (options: Parameters<typeof createEgressClient>[0] = {}) =>
  createEgressClient({ allow: [`127.0.0.1:${server.port}`], ...options });

describe('egress limits', () => {
  it.each(['/big', '/chunked', '/bomb'])('caps the response body (%s) at 5 MiB by default', async (path) => {
    await expect(client().request({ url: `${server.origin}${path}` })).rejects.toThrow(
      EgressResponseTooLargeError,
    );
  });

  it('takes a per-request size cap', async () => {
    const egress = client({ maxResponseBytes: 10 * MiB });
    expect((await egress.request({ url: `${server.origin}/big` })).body.byteLength).toBe(6 * MiB);
    await expect(egress.request({ url: `${server.origin}/echo`, maxResponseBytes: 4 })).rejects.toThrow(
      /larger than the 4-byte limit/,
    );
  });

  it('times out a server that never answers, and one that stops mid-body', async () => {
    const started = Date.now();
    await expect(client({ timeoutMs: 150 }).request({ url: `${server.origin}/hang` })).rejects.toThrow(
      TimeoutError,
    );
    await expect(client().request({ url: `${server.origin}/stall`, timeoutMs: 150 })).rejects.toThrow(
      /took longer than 150 ms/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops when the caller aborts, before or during the request', async () => {
    const before = server.connections;
    await expect(
      client().request({ url: `${server.origin}/echo`, signal: AbortSignal.abort() }),
    ).rejects.toThrow(CancelledError);
    expect(server.connections).toBe(before);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      client().request({ url: `${server.origin}/stall`, signal: controller.signal }),
    ).rejects.toThrow(/was cancelled/);
  });

  it('reports an unreachable server as a retryable network error', async () => {
    const closed = await startLoopbackServer();
    await closed.close();
    const error = await rejectionOf(
      createEgressClient({ allow: [`127.0.0.1:${closed.port}`] }).request({ url: `${closed.origin}/` }),
    );
    expect(error).toBeInstanceOf(EgressNetworkError);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/connection was refused \(ECONNREFUSED\)/);
  });

  it('reports a bad URL and a bad header as invalid requests', async () => {
    await expect(client().request({ url: 'not a url' })).rejects.toThrow(EgressInvalidRequestError);
    await expect(
      client().request({ url: `${server.origin}/`, headers: { 'x-bad': 'a\r\nb' } }),
    ).rejects.toThrow(EgressInvalidRequestError);
  });
});

describe('egress responses', () => {
  it('decompresses, decodes and parses', async () => {
    const response = await client().request({ url: `${server.origin}/gzip` });
    expect(response.json()).toEqual({ hello: 'wörld' });
    expect((await client().request({ url: `${server.origin}/latin1` })).text()).toBe('café');
  });

  it('sends method, body and user agent, and flattens repeated headers', async () => {
    const response = await client({ userAgent: 'test-agent' }).request({
      url: `${server.origin}/echo`,
      method: 'put',
      body: new TextEncoder().encode('hi'),
    });
    expect(response.text()).toBe('PUT hi test-agent');
    expect(response.headers['x-multi']).toBe('a, b');
    expect(response.url).toBe(`${server.origin}/echo`);
    expect(() => response.json()).toThrow(/is not valid JSON/);
  });
});
