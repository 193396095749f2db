import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { InvalidParamsError } from '@weft/engine';
import { parseAllowlist } from './allowlist.ts';

const ip = (text: string) => ipaddr.parse(text);

describe('parseAllowlist', () => {
  const list = parseAllowlist([
    'localhost:3000',
    'api.internal',
    '*.corp.example',
    '10.0.0.0/8',
    '127.0.0.1:8080',
    '[::1]:9090',
    'fd00::/8',
    '192.168.1.0/24:443',
    '::ffff:172.16.0.0/108',
  ]);

  it.each([
    ['localhost', 3000, 'localhost:3000'],
    ['API.internal.', 80, 'api.internal'],
    ['a.b.corp.example', 443, '*.corp.example'],
  ])('trusts host %s on port %i', (host, port, entry) => {
    expect(list.matchHost(host, port)).toBe(entry);
  });

  it.each([
    ['localhost', 3001],
    ['corp.example', 443],
    ['evil-api.internal.attacker.com', 80],
  ])('does not trust host %s on port %i', (host, port) => {
    expect(list.matchHost(host, port)).toBeUndefined();
  });

  it.each([
    ['10.1.2.3', 80, '10.0.0.0/8'],
    ['::ffff:10.1.2.3', 80, '10.0.0.0/8'],
    ['127.0.0.1', 8080, '127.0.0.1:8080'],
    ['::1', 9090, '[::1]:9090'],
    ['fd00::5', 1, 'fd00::/8'],
    ['192.168.1.9', 443, '192.168.1.0/24:443'],
    ['172.16.4.4', 80, '::ffff:172.16.0.0/108'],
  ])('trusts address %s on port %i', (address, port, entry) => {
    expect(list.matchAddress(ip(address), port)).toBe(entry);
  });

  it.each([
    ['127.0.0.1', 8081],
    ['127.0.0.2', 8080],
    ['::1', 8080],
    ['192.168.1.9', 80],
    ['11.0.0.1', 80],
  ])('does not trust address %s on port %i', (address, port) => {
    expect(list.matchAddress(ip(address), port)).toBeUndefined();
  });

  it.each(['', 'http://x', '10.0.0.0/33', '10/8', 'host:99999', 'a b', '::1:8080:zz', '*'])(
    'rejects malformed entry %j',
    (entry) => {
      expect(() => parseAllowlist([entry])).toThrow(InvalidParamsError);
    },
  );
});
