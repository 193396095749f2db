import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EgressBlockedError } from '@weft/engine';
import { createEgressClient } from './client.ts';
import { rejectionOf, startLoopbackServer, watchClientSockets } from './test-support.ts';
import type { LoopbackServer } from './test-support.ts';
import type { Resolver } from './types.ts';

// Host names the injected resolver knows; everything else "does not exist".
const dns: Record<string, { address: string; family: 4 | 6 }[]> = {
  'rebind.test': [{ address: '127.0.0.1', family: 4 }],
  'mixed.test': [
    { address: '93.184.216.34', family: 4 },
    { address: '10.0.0.1', family: 4 },
  ],
  'v6-loopback.test': [{ address: '::1', family: 6 }],
  'mapped.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
  'metadata.test': [{ address: '169.254.169.254', family: 4 }],
  localhost: [{ address: '127.0.0.1', family: 4 }],
};
const resolve = vi.fn<Resolver>(async (hostname) => dns[hostname] ?? []);

let v4: LoopbackServer;
let v6: LoopbackServer;
beforeAll(async () => {
  v4 = await startLoopbackServer();
  v6 = await startLoopbackServer(undefined, '::1');
});
afterAll(async () => {
  await v4.close();
  await v6.close();
});

describe('egress refuses before any socket opens', () => {
  // Loopback spellings aim at the counting servers' ports, so a leak would be seen there.
  const targets = (): string[] => {
    const p = v4.port;
    const p6 = v6.port;
    return [
      `http://127.0.0.1:${p}/`,
      `http://2130706433:${p}/`,
      `http://0x7f.1:${p}/`,
      `http://0177.0.0.1:${p}/`,
      `http://127.1:${p}/`,
      `http://0x7f000001:${p}/`,
      `http://0.0.0.0:${p}/`,
      `http://0:${p}/`,
      `http://[::]:${p6}/`,
      `http://[::1]:${p6}/`,
      `http://[0:0:0:0:0:0:0:1]:${p6}/`,
      `http://[::ffff:127.0.0.1]:${p}/`,
      `http://[::ffff:7f00:1]:${p}/`,
      `http://[::127.0.0.1]:${p}/`,
      `http://[::ffff:0:127.0.0.1]:${p}/`,
      `http://[64:ff9b::127.0.0.1]:${p}/`,
      `http://[2002:7f00:1::1]:${p}/`,
      `http://[::ffff:a9fe:a9fe]/latest/meta-data/`,
      `http://localhost:${p}/`,
      `http://LOCALHOST.:${p}/`,
      `http://app.localhost:${p}/`,
      `http://metadata.google.internal/computeMetadata/v1/`,
      `http://printer.local/`,
      `http://user:secret@127.0.0.1:${p}/`,
      `https://127.0.0.1:${p}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://100.100.100.200/',
      'http://10.0.0.1/',
      'http://192.168.1.1/',
      'http://172.16.0.1/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'http://[fe80::1]/',
      'http://[fc00::1]/',
      'http://[fd00:ec2::254]/',
      'http://[ff02::1]/',
      `http://rebind.test:${p}/`,
      'http://mixed.test/',
      `http://v6-loopback.test:${p6}/`,
      `http://mapped.test:${p}/`,
      'http://metadata.test/',
      'file:///etc/passwd',
      `gopher://127.0.0.1:${p}/_GET`,
      `ftp://127.0.0.1:${p}/`,
      'data:text/plain,hello',
      `ws://127.0.0.1:${p}/`,
    ];
  };

  it('blocks every private, loopback, metadata and non-http target', async () => {
    const egress = createEgressClient({ resolve });
    const sockets = watchClientSockets();
    try {
      for (const url of targets()) {
        const error = await rejectionOf(egress.request({ url }));
        expect(error, url).toBeInstanceOf(EgressBlockedError);
        expect(error.message, url).toMatch(/^Egress blocked: /);
      }
      expect(sockets.count).toBe(0);
      expect(v4.connections + v6.connections).toBe(0);
    } finally {
      sockets.stop();
      egress.close();
    }
  });

  it('never resolves IP literals, and refuses a host when any resolved address is private', async () => {
    const egress = createEgressClient({ resolve });
    resolve.mockClear();
    await expect(egress.request({ url: 'http://10.0.0.1/' })).rejects.toThrow(EgressBlockedError);
    expect(resolve).not.toHaveBeenCalled();
    await expect(egress.request({ url: 'http://mixed.test/' })).rejects.toThrow(
      /"mixed.test" resolves to 10.0.0.1, a private-network address/,
    );
  });

  it('says what was refused and how to allow it, without leaking credentials or query', async () => {
    const egress = createEgressClient({ resolve });
    const error = await rejectionOf(
      egress.request({ url: `http://user:secret@rebind.test:${v4.port}/p?token=abc` }),
    );
    expect(error).toBeInstanceOf(EgressBlockedError);
    expect(error.message).toContain(`http://rebind.test:${v4.port}/p`);
    expect(error.message).toContain('resolves to 127.0.0.1, a loopback address');
    expect(error.message).toContain(
      `add "rebind.test" (or "rebind.test:${v4.port}" for this port only, or a CIDR) to the egress allowlist`,
    );
    expect(error.message).not.toMatch(/secret|token/);
    expect(error.details).toMatchObject({ host: 'rebind.test', address: '127.0.0.1', reason: 'loopback' });
    expect((await rejectionOf(egress.request({ url: 'gopher://example.com/' }))).message).toContain(
      '"gopher" scheme',
    );
  });
});

describe('the allowlist', () => {
  it.each([
    [
      'an exact address and port',
      (s: LoopbackServer) => [`127.0.0.1:${s.port}`],
      (s: LoopbackServer) => s.origin,
    ],
    ['a CIDR', () => ['127.0.0.0/8'], (s: LoopbackServer) => s.origin],
    ['a host name', () => ['localhost'], (s: LoopbackServer) => `http://localhost:${s.port}`],
    [
      'a host name and port',
      (s: LoopbackServer) => [`rebind.test:${s.port}`],
      (s: LoopbackServer) => `http://rebind.test:${s.port}`,
    ],
  ])('lets %s through', async (_name, allow, url) => {
    const egress = createEgressClient({ resolve, allow: allow(v4) });
    try {
      const response = await egress.request({ url: `${url(v4)}/hello` });
      expect(response.status).toBe(200);
      expect(response.text()).toBe('ok');
    } finally {
      egress.close();
    }
  });

  it('lets an allowed IPv6 loopback through', async () => {
    const egress = createEgressClient({ allow: [`[::1]:${v6.port}`] });
    try {
      expect((await egress.request({ url: `${v6.origin}/` })).status).toBe(200);
    } finally {
      egress.close();
    }
  });

  it('allows exactly what it names', async () => {
    const egress = createEgressClient({
      resolve,
      allow: [`127.0.0.1:${v4.port + 1}`, '127.0.0.2', 'other.test'],
    });
    const before = v4.connections;
    for (const url of [
      `${v4.origin}/`,
      `http://rebind.test:${v4.port}/`,
      `http://[::1]:${v6.port}/`,
      'http://10.0.0.1/',
    ]) {
      await expect(egress.request({ url }), url).rejects.toThrow(EgressBlockedError);
    }
    expect(v4.connections).toBe(before);
  });

  it('never allows other schemes', async () => {
    const egress = createEgressClient({ allow: ['0.0.0.0/0', '::/0'] });
    await expect(egress.request({ url: 'file:///etc/passwd' })).rejects.toThrow(/"file" scheme/);
  });
});
