import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { parseIp, parseIpLiteral, refusedRange } from './address-policy.ts';

const refused: [string, string][] = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'metadata'],
  ['169.254.1.1', 'linkLocal'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.100.100.200', 'metadata'],
  ['192.0.0.192', 'metadata'],
  ['192.0.2.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['::127.0.0.1', 'ipv4Compatible'],
  ['::8.8.8.8', 'ipv4Compatible'],
  ['fe80::1', 'linkLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456::1', 'uniqueLocal'],
  ['fd00:ec2::254', 'metadata'],
  ['fec0::1', 'deprecatedSiteLocal'],
  ['ff02::1', 'multicast'],
  ['100::1', 'discard'],
  ['2001:db8::1', 'reserved'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:a9fe:a9fe', 'metadata'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:0:7f00:1', 'loopback'],
  ['64:ff9b::7f00:1', 'loopback'],
  ['64:ff9b::a9fe:a9fe', 'metadata'],
  ['64:ff9b:1::a00:1', 'localNat64'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:c0a8:101::1', 'private'],
  ['4000::1', 'unallocated'],
];

const allowed = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '2606:4700:4700::1111',
  '2a00:1450:4001:82b::200e',
  '::ffff:8.8.8.8',
  '64:ff9b::808:808',
  '2002:808:808::1',
];

describe('refusedRange', () => {
  it.each(refused)('refuses %s as %s', (address, range) => {
    expect(refusedRange(parseIp(address)!)?.range).toBe(range);
  });

  it.each(allowed)('allows public %s', (address) => {
    expect(refusedRange(parseIp(address)!)).toBeUndefined();
  });

  it('names the embedded IPv4 address in the description', () => {
    expect(refusedRange(ipaddr.parse('::ffff:127.0.0.1'))?.description).toContain(
      'IPv4-mapped IPv6 form (127.0.0.1)',
    );
  });
});

describe('parseIpLiteral', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['::ffff:7f00:1', '::ffff:7f00:1'],
    ['::127.0.0.1', '::7f00:1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
  ])('parses %s', (text, expected) => {
    const parsed = parseIpLiteral(text);
    expect(parsed && (parsed instanceof ipaddr.IPv6 ? parsed.toRFC5952String() : parsed.toString())).toBe(
      expected,
    );
  });

  it.each(['example.com', '127.1', '0x7f.1', '2130706433', 'localhost', ''])(
    'treats %s as a host name',
    (text) => {
      expect(parseIpLiteral(text)).toBeUndefined();
    },
  );
});
