import ipaddr from 'ipaddr.js';
import { InvalidParamsError } from '@weft/engine';
import { isIpv6, parseIpLiteral, unmapIpv4 } from './address-policy.ts';
import type { IpAddress } from './address-policy.ts';

type AllowRule =
  | { kind: 'host'; host: string; wildcard: boolean; port: number | undefined; entry: string }
  | { kind: 'network'; network: IpAddress; prefix: number; port: number | undefined; entry: string };

/** Destinations trusted although private, parsed from the `allow` option. */
export interface Allowlist {
  /** The entry trusting host name `hostname` on `port` (whatever it resolves to), if any. */
  matchHost(hostname: string, port: number): string | undefined;
  /** The entry trusting `address` on `port`, if any. */
  matchAddress(address: IpAddress, port: number): string | undefined;
}

const HOST_NAME =
  /^(?:\*\.)?(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Parses allowlist entries; a malformed entry is a configuration error, reported at once. */
export function parseAllowlist(entries: readonly string[]): Allowlist {
  const rules = entries.map(parseEntry);
  return {
    matchHost(hostname, port) {
      const name = normalizeHostName(hostname);
      return rules.find(
        (rule) =>
          rule.kind === 'host' &&
          portMatches(rule.port, port) &&
          (rule.wildcard ? name.endsWith(`.${rule.host}`) : name === rule.host),
      )?.entry;
    },
    matchAddress(address, port) {
      const candidate = unmapIpv4(address);
      return rules.find(
        (rule) =>
          rule.kind === 'network' &&
          portMatches(rule.port, port) &&
          rule.network.kind() === candidate.kind() &&
          candidate.match(rule.network, rule.prefix),
      )?.entry;
    },
  };
}

/** Lower-case, without a trailing dot: `Example.COM.` and `example.com` are one host. */
export function normalizeHostName(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

function portMatches(rulePort: number | undefined, port: number): boolean {
  return rulePort === undefined || rulePort === port;
}

function parseEntry(raw: string): AllowRule {
  const entry = raw.trim().toLowerCase();
  const { body, port } = splitPort(entry) ?? invalid(raw);
  if (port !== undefined && Number.isNaN(port)) invalid(raw);
  if (body.includes('/')) {
    const valid =
      ipaddr.IPv4.isValidCIDRFourPartDecimal(body) || (body.includes(':') && ipaddr.IPv6.isValidCIDR(body));
    if (!valid) invalid(raw);
    const [network, prefix] = ipaddr.parseCIDR(body);
    return toNetworkRule(network, prefix, port, raw);
  }
  const literal = parseIpLiteral(body);
  if (literal) return toNetworkRule(literal, literal.kind() === 'ipv4' ? 32 : 128, port, raw);
  const host = normalizeHostName(body);
  if (!HOST_NAME.test(host)) invalid(raw);
  const wildcard = host.startsWith('*.');
  return { kind: 'host', host: wildcard ? host.slice(2) : host, wildcard, port, entry: raw };
}

// `::ffff:10.0.0.0/104` means the same hosts as `10.0.0.0/8`; store it that way so matching
// (which unmaps the connected address) sees one spelling.
function toNetworkRule(
  network: IpAddress,
  prefix: number,
  port: number | undefined,
  entry: string,
): AllowRule {
  if (isIpv6(network) && network.isIPv4MappedAddress() && prefix >= 96) {
    return { kind: 'network', network: network.toIPv4Address(), prefix: prefix - 96, port, entry };
  }
  return { kind: 'network', network, prefix, port, entry };
}

// An IPv6 entry takes a port only in brackets (`[::1]:8080`): `::1:8080` is itself an address.
function splitPort(entry: string): { body: string; port: number | undefined } | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(entry);
  if (bracketed) return { body: bracketed[1] ?? '', port: toPort(bracketed[2]) };
  const colons = entry.split(':').length - 1;
  if (colons !== 1) return { body: entry, port: undefined };
  const withPort = /^(.+):(\d{1,5})$/.exec(entry);
  if (!withPort) return undefined;
  return { body: withPort[1] ?? '', port: toPort(withPort[2]) };
}

function toPort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : Number.NaN;
}

function invalid(entry: string): never {
  throw new InvalidParamsError(
    `Egress allowlist entry "${entry}" is not a host name, IP address or CIDR. ` +
      'Examples: "api.internal", "*.corp.example", "10.0.0.0/8", "127.0.0.1:8080", "[::1]:8080".',
  );
}
