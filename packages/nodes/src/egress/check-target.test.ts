import { describe, expect, it, vi } from 'vitest';
import { EgressBlockedError } from '@weft/engine';
import { parseAllowlist } from './allowlist.ts';
import { checkTarget, connectedAddressProblem } from './check-target.ts';
import type { EgressPolicy } from './check-target.ts';
import { EgressNetworkError } from './errors.ts';
import type { Resolver } from './types.ts';

const policy = (resolve: Resolver, allow: string[] = []): EgressPolicy => ({
  allowlist: parseAllowlist(allow),
  resolve,
});
const signal = new AbortController().signal;
const publicDns: Resolver = async () => [
  { address: '93.184.216.34', family: 4 },
  { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
];

describe('checkTarget', () => {
  it('returns every resolved address, to pin the connection to', async () => {
    const target = await checkTarget(new URL('https://Example.COM./x'), policy(publicDns), signal);
    expect(target).toMatchObject({ hostname: 'example.com', port: 443, trustedBy: undefined });
    expect(target.addresses).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ]);
  });

  it('refuses local-only names unless the name or its addresses are allow-listed', async () => {
    const resolve = vi.fn<Resolver>(async () => [{ address: '10.1.1.1', family: 4 }]);
    await expect(checkTarget(new URL('http://db.internal/'), policy(resolve), signal)).rejects.toThrow(
      /local-only host name/,
    );
    await expect(checkTarget(new URL('http://db.internal/'), policy(publicDns), signal)).rejects.toThrow(
      /local-only host name/,
    );
    const byAddress = await checkTarget(
      new URL('http://nas.local/'),
      policy(resolve, ['10.0.0.0/8']),
      signal,
    );
    expect(byAddress.addresses).toEqual([{ address: '10.1.1.1', family: 4 }]);
    const trusted = await checkTarget(
      new URL('http://db.internal/'),
      policy(resolve, ['db.internal']),
      signal,
    );
    expect(trusted).toMatchObject({
      trustedBy: 'db.internal',
      addresses: [{ address: '10.1.1.1', family: 4 }],
    });
  });

  it('reports DNS failures and garbage answers as network errors', async () => {
    await expect(
      checkTarget(
        new URL('http://nowhere.test/'),
        policy(async () => []),
        signal,
      ),
    ).rejects.toThrow(EgressNetworkError);
    const failing: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expect(checkTarget(new URL('http://nowhere.test/'), policy(failing), signal)).rejects.toThrow(
      /Could not resolve "nowhere.test" for http:\/\/nowhere.test\/ \(ENOTFOUND\)/,
    );
    const garbage: Resolver = async () => [{ address: 'not-an-ip', family: 4 }];
    await expect(checkTarget(new URL('http://odd.test/'), policy(garbage), signal)).rejects.toThrow(
      /not an IP address/,
    );
  });

  it('stops waiting for DNS when aborted', async () => {
    const controller = new AbortController();
    const pending = checkTarget(
      new URL('http://slow.test/'),
      policy(() => new Promise(() => {})),
      controller.signal,
    );
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});

describe('connectedAddressProblem', () => {
  it('re-checks the address a socket actually reached', async () => {
    const target = await checkTarget(new URL('http://example.com/'), policy(publicDns), signal);
    expect(connectedAddressProblem(target, '93.184.216.34', policy(publicDns))).toBeUndefined();
    expect(connectedAddressProblem(target, '127.0.0.1', policy(publicDns))).toBeInstanceOf(
      EgressBlockedError,
    );
    expect(connectedAddressProblem(target, '::ffff:10.0.0.1', policy(publicDns))).toBeInstanceOf(
      EgressBlockedError,
    );
    expect(connectedAddressProblem(target, 'garbage', policy(publicDns))?.message).toMatch(
      /unrecognised address/,
    );
  });
});
