import ipaddr from 'ipaddr.js';

/** An IPv4 or IPv6 address as parsed by ipaddr.js. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** Why an address is refused: a short range name and a sentence fragment for messages. */
export interface RefusedRange {
  range: string;
  description: string;
}

/**
 * Parses a strict IP literal (`1.2.3.4`, `::1`, `[::1]`), or returns undefined for anything else.
 * Only canonical dotted-quad IPv4 is accepted: odd spellings (`127.1`, `0x7f.1`) are either
 * normalised by the WHATWG URL parser first or treated as host names, whose resolved addresses
 * are checked anyway.
 */
export function parseIpLiteral(text: string): IpAddress | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (bare.includes(':') && ipaddr.IPv6.isValid(bare)) return parseIpv6(bare);
  return undefined;
}

/** Parses any IP address ipaddr.js accepts, or returns undefined. */
export function parseIp(text: string): IpAddress | undefined {
  if (!ipaddr.isValid(text)) return undefined;
  return text.includes(':') ? parseIpv6(text) : ipaddr.IPv4.parse(text);
}

// ipaddr.js reads the deprecated IPv4-compatible `::a.b.c.d` as IPv4-mapped `::ffff:a.b.c.d`;
// they are different addresses, so build that one by hand.
function parseIpv6(text: string): ipaddr.IPv6 {
  const compatible = /^::(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text)?.[1];
  if (compatible === undefined || !ipaddr.IPv4.isValidFourPartDecimal(compatible))
    return ipaddr.IPv6.parse(text);
  const [a = 0, b = 0, c = 0, d = 0] = ipaddr.IPv4.parse(compatible).octets;
  return new ipaddr.IPv6([0, 0, 0, 0, 0, 0, (a << 8) | b, (c << 8) | d]);
}

/** Narrows an address to IPv6 (ipaddr's `kind()` does not narrow). */
export function isIpv6(address: IpAddress): address is ipaddr.IPv6 {
  return address instanceof ipaddr.IPv6;
}

/** The usual text form: dotted quad, or RFC 5952 compressed IPv6. */
export function formatIp(address: IpAddress): string {
  return isIpv6(address) ? address.toRFC5952String() : address.toString();
}

/** The IPv4 address an IPv4-mapped IPv6 address stands for; other addresses unchanged. */
export function unmapIpv4(address: IpAddress): IpAddress {
  return isIpv6(address) && address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

// Cloud metadata endpoints get their own wording: they are the usual SSRF prize.
const METADATA_ADDRESSES = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OpenStack, DigitalOcean…
  '169.254.170.2', // AWS ECS task metadata
  '100.100.100.200', // Alibaba Cloud
  '192.0.0.192', // Oracle Cloud
  'fd00:ec2::254', // AWS IPv6
]);

const V4_RANGES: Record<string, string> = {
  unspecified: 'an unspecified "this network" address (0.0.0.0/8)',
  broadcast: 'the limited broadcast address',
  multicast: 'a multicast address (224.0.0.0/4)',
  linkLocal: 'a link-local address (169.254.0.0/16)',
  loopback: 'a loopback address (127.0.0.0/8)',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  private: 'a private-network address (10/8, 172.16/12 or 192.168/16)',
  reserved: 'a reserved, benchmarking or documentation address',
  as112: 'an AS112 sink address',
  amt: 'an AMT relay anycast address',
};

const V6_RANGES: Record<string, string> = {
  linkLocal: 'an IPv6 link-local address (fe80::/10)',
  multicast: 'an IPv6 multicast address (ff00::/8)',
  uniqueLocal: 'an IPv6 unique-local (private) address (fc00::/7)',
  deprecatedSiteLocal: 'an IPv6 site-local address (fec0::/10)',
  discard: 'an IPv6 discard-only address (100::/64)',
  teredo: 'a Teredo tunnel address (2001::/32)',
  benchmarking: 'an IPv6 benchmarking address',
  reserved: 'a reserved or documentation IPv6 address',
};

/**
 * Returns why `address` must not be connected to, or undefined when it is ordinary public
 * unicast. IPv6 forms that embed an IPv4 address (mapped, translated, NAT64, 6to4) are judged
 * by the IPv4 address inside them, so `::ffff:127.0.0.1` is refused like `127.0.0.1`.
 */
export function refusedRange(address: IpAddress): RefusedRange | undefined {
  return isIpv6(address) ? refusedV6(address) : refusedV4(address);
}

const METADATA: RefusedRange = { range: 'metadata', description: 'a cloud metadata service address' };

function refusedV4(address: ipaddr.IPv4): RefusedRange | undefined {
  if (METADATA_ADDRESSES.has(address.toString())) return METADATA;
  const range = address.range();
  if (range === 'unicast') return undefined;
  return { range, description: V4_RANGES[range] ?? `a special-purpose address (${range})` };
}

function refusedV6(address: ipaddr.IPv6): RefusedRange | undefined {
  if (METADATA_ADDRESSES.has(address.toRFC5952String())) return METADATA;
  const p = address.parts as [number, number, number, number, number, number, number, number];
  const leadingZeros = p.findIndex((part) => part !== 0);
  const embedded = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);

  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (SIIT-translated) reach the IPv4 host.
  if (leadingZeros === 5 && p[5] === 0xffff) return viaIpv4('IPv4-mapped', embedded(p[6], p[7]));
  if (leadingZeros === 4 && p[4] === 0xffff && p[5] === 0)
    return viaIpv4('IPv4-translated', embedded(p[6], p[7]));
  if (leadingZeros === -1) return { range: 'unspecified', description: 'the unspecified IPv6 address (::)' };
  if (leadingZeros === 7 && p[7] === 1)
    return { range: 'loopback', description: 'the IPv6 loopback address (::1)' };
  // ::a.b.c.d (IPv4-compatible) is deprecated; nothing legitimate uses it, so refuse it whole.
  if (leadingZeros >= 6) {
    return { range: 'ipv4Compatible', description: 'a deprecated IPv4-compatible IPv6 address (::/96)' };
  }
  // 64:ff9b::/96 (well-known NAT64 prefix) reaches the embedded IPv4 host through a translator.
  if (p[0] === 0x64 && p[1] === 0xff9b && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0) {
    return viaIpv4('NAT64', embedded(p[6], p[7]));
  }
  // 64:ff9b:1::/48 is a network-local NAT64 prefix whose embedding we cannot know: refuse.
  if (p[0] === 0x64 && p[1] === 0xff9b && p[2] === 1) {
    return { range: 'localNat64', description: 'a local-use NAT64 address (64:ff9b:1::/48)' };
  }
  if (p[0] === 0x2002) return viaIpv4('6to4', embedded(p[1], p[2]));

  const range = address.range();
  if (range !== 'unicast')
    return { range, description: V6_RANGES[range] ?? `a special-purpose IPv6 address (${range})` };
  // Only 2000::/3 is allocated as global unicast; anything else has no business on the Internet.
  if ((p[0] & 0xe000) !== 0x2000) {
    return { range: 'unallocated', description: 'an IPv6 address outside global unicast (2000::/3)' };
  }
  return undefined;
}

function viaIpv4(form: string, inner: ipaddr.IPv4): RefusedRange | undefined {
  const refused = refusedV4(inner);
  if (!refused) return undefined;
  return {
    range: refused.range,
    description: `${refused.description}, written in ${form} IPv6 form (${inner.toString()})`,
  };
}
