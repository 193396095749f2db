export {
  createEgressClient,
  DEFAULT_EGRESS_TIMEOUT_MS,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_MAX_RESPONSE_BYTES,
} from './client.ts';
export { parseIpLiteral, refusedRange } from './address-policy.ts';
export type { IpAddress, RefusedRange } from './address-policy.ts';
export { parseAllowlist } from './allowlist.ts';
export type { Allowlist } from './allowlist.ts';
export {
  EgressInvalidRequestError,
  EgressNetworkError,
  EgressRedirectError,
  EgressResponseTooLargeError,
  redactUrl,
} from './errors.ts';
export type {
  EgressClient,
  EgressClientOptions,
  EgressRequest,
  EgressResponse,
  ResolvedAddress,
  Resolver,
} from './types.ts';
