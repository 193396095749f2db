import { WeftError } from '@weft/engine';
import type { Json } from '@weft/engine';

/** A URL for messages and logs: no user info, query or fragment (they may hold secrets). */
export function redactUrl(url: URL): string {
  const host = url.host ? `//${url.host}` : url.protocol === 'file:' ? '//' : '';
  return `${url.protocol}${host}${url.pathname}`;
}

/** The destination could not be reached (DNS, refused, reset, TLS…). */
export class EgressNetworkError extends WeftError {
  constructor(message: string, options: { cause?: unknown; retryable?: boolean; details?: Json } = {}) {
    super('EGRESS_NETWORK_ERROR', message, { retryable: true, ...options });
    this.name = 'EgressNetworkError';
  }
}

/** The response body was larger than the cap; it was not read further. */
export class EgressResponseTooLargeError extends WeftError {
  constructor(url: URL, limit: number) {
    super(
      'EGRESS_RESPONSE_TOO_LARGE',
      `Response from ${redactUrl(url)} is larger than the ${limit}-byte limit; it was cut off. Raise maxResponseBytes if it is expected.`,
      { details: { url: redactUrl(url), limit } },
    );
    this.name = 'EgressResponseTooLargeError';
  }
}

/** More redirects than allowed, or a redirect that cannot be followed. */
export class EgressRedirectError extends WeftError {
  constructor(message: string, details?: Json) {
    super('EGRESS_REDIRECT', message, { details });
    this.name = 'EgressRedirectError';
  }
}

/** The request itself is malformed: unparsable URL, bad header, unsupported method. */
export class EgressInvalidRequestError extends WeftError {
  constructor(message: string, cause?: unknown) {
    super('EGRESS_INVALID_REQUEST', message, { cause });
    this.name = 'EgressInvalidRequestError';
  }
}
