import { EgressBlockedError } from '@weft/engine';
import { formatIp, isIpv6, parseIp, parseIpLiteral, refusedRange } from './address-policy.ts';
import type { IpAddress } from './address-policy.ts';
import { normalizeHostName } from './allowlist.ts';
import type { Allowlist } from './allowlist.ts';
import { EgressNetworkError, redactUrl } from './errors.ts';
import type { ResolvedAddress, Resolver } from './types.ts';

/** A destination that passed every check: connect only to `addresses`. */
export interface CheckedTarget {
  url: URL;
  /** Host name or IP, without IPv6 brackets. */
  hostname: string;
  port: number;
  /** Every address the connection may use; the socket is pinned to these. */
  addresses: ResolvedAddress[];
  /** The allowlist entry that trusted this host name, if one did. */
  trustedBy: string | undefined;
}

/** What decides where requests may go. */
export interface EgressPolicy {
  allowlist: Allowlist;
  resolve: Resolver;
}

const SCHEMES = new Set(['http:', 'https:']);

// Names that are private by definition (RFC 6761, RFC 8375, ICANN's .internal): refused by
// name, wherever they resolve, unless the allowlist names them or the addresses they reach.
const PRIVATE_NAMES = [/^localhost$/, /\.localhost$/, /\.local$/, /\.internal$/, /\.home\.arpa$/];

/** The port a URL connects to. */
export function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * Checks scheme, host name and every address the host resolves to, and returns the addresses
 * the connection must be pinned to. Throws EgressBlockedError before any socket is opened.
 */
export async function checkTarget(
  url: URL,
  policy: EgressPolicy,
  signal: AbortSignal,
): Promise<CheckedTarget> {
  if (!SCHEMES.has(url.protocol)) {
    throw new EgressBlockedError(
      `Egress blocked: ${redactUrl(url)} uses the "${url.protocol.replace(/:$/, '')}" scheme; only http and https URLs may be fetched.`,
      { url: redactUrl(url), reason: 'scheme' },
    );
  }
  const hostname = normalizeHostName(url.hostname.replace(/^\[|\]$/g, ''));
  const port = effectivePort(url);
  const trustedBy = policy.allowlist.matchHost(hostname, port);
  const literal = parseIpLiteral(hostname);

  if (literal) {
    assertAddressAllowed({ url, hostname, port, address: literal, policy, trustedBy });
    return { url, hostname, port, addresses: [toResolved(literal)], trustedBy };
  }
  const privateName = !trustedBy && PRIVATE_NAMES.some((pattern) => pattern.test(hostname));
  const localOnly = () => blocked({ url, hostname, port, why: `"${hostname}" is a local-only host name` });
  const resolved = await resolveAbortable(policy.resolve, hostname, url, signal).catch((error: unknown) => {
    // Unresolvable or not, a local-only name is refused: say so rather than "DNS failed".
    throw privateName && error instanceof EgressNetworkError ? localOnly() : error;
  });
  const addresses = resolved.map((entry) => {
    const address = parseResolved(entry.address, hostname, url);
    if (privateName && !policy.allowlist.matchAddress(address, port)) throw localOnly();
    // One refused address refuses the host: the connection could land on any of them.
    assertAddressAllowed({ url, hostname, port, address, policy, trustedBy });
    return toResolved(address);
  });
  return { url, hostname, port, addresses, trustedBy };
}

/** Re-checks an address a socket actually connected to (e.g. a reused keep-alive socket). */
export function connectedAddressProblem(
  target: CheckedTarget,
  remoteAddress: string,
  policy: EgressPolicy,
): EgressBlockedError | undefined {
  const address = parseIp(remoteAddress);
  if (!address)
    return blocked({
      url: target.url,
      hostname: target.hostname,
      port: target.port,
      why: `the socket connected to an unrecognised address "${remoteAddress}"`,
    });
  try {
    assertAddressAllowed({ ...target, address, policy });
    return undefined;
  } catch (error) {
    if (error instanceof EgressBlockedError) return error;
    throw error;
  }
}

interface AddressCheck {
  url: URL;
  hostname: string;
  port: number;
  address: IpAddress;
  policy: EgressPolicy;
  trustedBy: string | undefined;
}

function assertAddressAllowed({ url, hostname, port, address, policy, trustedBy }: AddressCheck): void {
  if (trustedBy) return;
  const refused = refusedRange(address);
  if (!refused || policy.allowlist.matchAddress(address, port)) return;
  const shown = formatIp(address);
  const where = parseIpLiteral(hostname) ? `${shown} is` : `"${hostname}" resolves to ${shown},`;
  throw blocked({
    url,
    hostname,
    port,
    why: `${where} ${refused.description}`,
    address: shown,
    range: refused.range,
  });
}

function blocked(input: {
  url: URL;
  hostname: string;
  port: number;
  why: string;
  address?: string;
  range?: string;
}): EgressBlockedError {
  const { url, hostname, port, why } = input;
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  return new EgressBlockedError(
    `Egress blocked: ${redactUrl(url)} — ${why}. Weft only connects to public addresses; ` +
      `if this destination is trusted, add "${host}" (or "${host}:${port}" for this port only, or a CIDR) to the egress allowlist.`,
    {
      url: redactUrl(url),
      host: hostname,
      port,
      reason: input.range ?? 'host',
      ...(input.address === undefined ? {} : { address: input.address }),
    },
  );
}

function toResolved(address: IpAddress): ResolvedAddress {
  return { address: formatIp(address), family: isIpv6(address) ? 6 : 4 };
}

function parseResolved(text: string, hostname: string, url: URL): IpAddress {
  const address = parseIp(text);
  if (!address) {
    throw new EgressNetworkError(
      `Resolving "${hostname}" for ${redactUrl(url)} returned "${text}", which is not an IP address.`,
      {
        retryable: false,
      },
    );
  }
  return address;
}

async function resolveAbortable(
  resolve: Resolver,
  hostname: string,
  url: URL,
  signal: AbortSignal,
): Promise<ResolvedAddress[]> {
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const addresses = await Promise.race([resolve(hostname), aborted]);
    if (addresses.length === 0) throw new Error('no addresses');
    return addresses;
  } catch (error) {
    if (signal.aborted) throw error;
    const code = (error as { code?: unknown }).code;
    throw new EgressNetworkError(
      `Could not resolve "${hostname}" for ${redactUrl(url)}${typeof code === 'string' ? ` (${code})` : ''}. Check the host name.`,
      { cause: error, details: { url: redactUrl(url), host: hostname } },
    );
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
