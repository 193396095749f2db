import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EgressBlockedError } from '@weft/engine';
import { createEgressClient } from './client.ts';
import { EgressRedirectError } from './errors.ts';
import { startLoopbackServer, watchClientSockets } from './test-support.ts';
import type { LoopbackServer } from './test-support.ts';
import type { Resolver } from './types.ts';

const resolve: Resolver = async (hostname) =>
  hostname === 'rebind.test' ? [{ address: '127.0.0.1', family: 4 }] : [];

// `/to?status=302&location=…` answers with that redirect; `/loop/n` redirects to `/loop/n+1`
// forever; `/down/n` redirects n times, then answers.
function redirector(): Promise<LoopbackServer> {
  return startLoopbackServer((request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const loop = /^\/loop\/(\d+)$/.exec(url.pathname);
    const down = /^\/down\/([1-9]\d*)$/.exec(url.pathname);
    if (url.pathname === '/endless-redirect') {
      response.writeHead(302, { location: '/final' });
      const timer = setInterval(() => response.write('x'.repeat(64 * 1024)), 1);
      response.on('close', () => clearInterval(timer));
    } else if (url.pathname === '/to') {
      response
        .writeHead(Number(url.searchParams.get('status') ?? 302), {
          location: url.searchParams.get('location') ?? '/',
        })
        .end();
    } else if (down) {
      response.writeHead(302, { location: `/down/${Number(down[1]) - 1}` }).end();
    } else if (loop) {
      response.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` }).end();
    } else {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          method: request.method,
          path: url.pathname,
          body,
          auth: request.headers.authorization ?? null,
        }),
      );
    }
  });
}

let hop: LoopbackServer; // the only allow-listed server
let other: LoopbackServer; // a second allow-listed origin, for credential tests
let sink: LoopbackServer; // never allow-listed: must never see a connection
let sink6: LoopbackServer;
beforeAll(async () => {
  [hop, other, sink, sink6] = await Promise.all([
    redirector(),
    redirector(),
    startLoopbackServer(),
    startLoopbackServer(undefined, '::1'),
  ]);
});
afterAll(async () => {
  await Promise.all([hop.close(), other.close(), sink.close(), sink6.close()]);
});

const via = (location: string, status = 302) =>
  `${hop.origin}/to?status=${status}&location=${encodeURIComponent(location)}`;

describe('redirects', () => {
  it('checks every hop: an allowed server cannot bounce a request to a refused target', async () => {
    const egress = createEgressClient({ resolve, allow: [`127.0.0.1:${hop.port}`] });
    const p = sink.port;
    const blocked = [
      `http://127.0.0.1:${p}/`,
      `http://localhost:${p}/`,
      `http://rebind.test:${p}/`,
      `http://2130706433:${p}/`,
      `http://0x7f.1:${p}/`,
      `http://0177.0.0.1:${p}/`,
      `http://127.1:${p}/`,
      `http://0.0.0.0:${p}/`,
      `http://[::]:${sink6.port}/`,
      `http://[::1]:${sink6.port}/`,
      `http://[::ffff:127.0.0.1]:${p}/`,
      'http://[::ffff:a9fe:a9fe]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://10.0.0.1/',
      'http://192.168.1.1/',
      'http://172.16.0.1/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'file:///etc/passwd',
      `gopher://127.0.0.1:${p}/`,
      `ftp://127.0.0.1:${p}/`,
    ];
    const sockets = watchClientSockets();
    try {
      for (const [index, target] of blocked.entries()) {
        await expect(
          egress.request({ url: via(target, [301, 302, 303, 307, 308][index % 5]) }),
          target,
        ).rejects.toThrow(EgressBlockedError);
      }
      // One socket per hop to the allowed server at most (keep-alive may reuse one), none elsewhere.
      expect(sockets.count).toBeLessThanOrEqual(blocked.length);
      expect(sink.connections + sink6.connections).toBe(0);
      expect(hop.requests.filter((r) => r.url.startsWith('/to')).length).toBeGreaterThanOrEqual(
        blocked.length,
      );
    } finally {
      sockets.stop();
      egress.close();
    }
  });

  it('follows allowed redirects and reports the final URL', async () => {
    const egress = createEgressClient({ allow: [`127.0.0.1:${hop.port}`] });
    const response = await egress.request({ url: via('/final') });
    expect(response.url).toBe(`${hop.origin}/final`);
    expect(response.redirects).toBe(1);
    expect(response.json()).toMatchObject({ method: 'GET', path: '/final' });
    egress.close();
  });

  it('gives up after maxRedirects', async () => {
    const egress = createEgressClient({ allow: [`127.0.0.1:${hop.port}`], maxRedirects: 3 });
    expect((await egress.request({ url: `${hop.origin}/down/3` })).redirects).toBe(3);
    await expect(egress.request({ url: `${hop.origin}/down/4` })).rejects.toThrow(EgressRedirectError);
    await expect(egress.request({ url: `${hop.origin}/loop/0` })).rejects.toThrow(
      /redirected more than 3 times/,
    );
    const defaults = createEgressClient({ allow: [`127.0.0.1:${hop.port}`] });
    await expect(defaults.request({ url: `${hop.origin}/loop/0` })).rejects.toThrow(/more than 5 times/);
    const before = hop.requests.length;
    await expect(defaults.request({ url: `${hop.origin}/loop/0` })).rejects.toThrow(EgressRedirectError);
    expect(hop.requests.length - before).toBe(6); // the first request and five redirects
    egress.close();
    defaults.close();
  });

  it.each([
    [301, 'GET', ''],
    [302, 'GET', ''],
    [303, 'GET', ''],
    [307, 'POST', 'payload'],
    [308, 'POST', 'payload'],
  ])('a POST redirected with %i arrives as %s', async (status, method, body) => {
    const egress = createEgressClient({ allow: [`127.0.0.1:${hop.port}`] });
    const response = await egress.request({
      url: via('/echo', status),
      method: 'POST',
      body: 'payload',
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.json()).toMatchObject({ method, body });
    egress.close();
  });

  it('strips Authorization, Cookie and URL credentials when the origin changes, keeps them when it does not', async () => {
    const egress = createEgressClient({ allow: [`127.0.0.1:${hop.port}`, `127.0.0.1:${other.port}`] });
    const headers = {
      authorization: 'Bearer secret',
      cookie: 'session=1',
      'x-api-key': 'k',
      'x-trace': 't-1',
    };

    await egress.request({ url: via(`${other.origin}/landing`), headers });
    const crossOrigin = other.requests.at(-1);
    expect(crossOrigin?.url).toBe('/landing');
    expect(crossOrigin?.headers).not.toHaveProperty('authorization');
    expect(crossOrigin?.headers).not.toHaveProperty('cookie');
    expect(crossOrigin?.headers).not.toHaveProperty('x-api-key');
    expect(crossOrigin?.headers['x-trace']).toBe('t-1');

    await egress.request({ url: via('/same'), headers });
    expect(hop.requests.at(-1)?.headers).toMatchObject({
      authorization: 'Bearer secret',
      cookie: 'session=1',
    });

    const withUserInfo = `http://me:pw@127.0.0.1:${hop.port}/to?location=${encodeURIComponent(`${other.origin}/x`)}`;
    await egress.request({ url: withUserInfo });
    expect(hop.requests.at(-1)?.headers.authorization).toBe(
      `Basic ${Buffer.from('me:pw').toString('base64')}`,
    );
    expect(other.requests.at(-1)?.headers).not.toHaveProperty('authorization');
    egress.close();
  });

  it('does not read the body of a redirect, and reports the final URL without user info', async () => {
    const egress = createEgressClient({ allow: [`127.0.0.1:${hop.port}`], timeoutMs: 2_000 });
    const response = await egress.request({ url: `http://me:pw@127.0.0.1:${hop.port}/endless-redirect` });
    expect(response.url).toBe(`${hop.origin}/final`);
    egress.close();
  });
});
