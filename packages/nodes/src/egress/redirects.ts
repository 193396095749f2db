import { EgressRedirectError, redactUrl } from './errors.ts';

/** A request about to be sent on one hop. Header names are lower-case. */
export interface PendingRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// Headers that carry credentials: they must not follow a redirect to another origin.
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key', 'host'];
// Headers that describe a body: dropped when a redirect turns the request into a GET.
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'transfer-encoding'];

/** True for the statuses that are followed when they carry a Location. */
export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * The request to send after a redirect, following the Fetch standard: 303 (and 301/302 after a
 * POST) become a body-less GET; credentials are dropped when the origin changes, including
 * user info in the URL, so a redirect cannot carry a token to a host it was not meant for.
 */
export function followRedirect(previous: PendingRequest, status: number, location: string): PendingRequest {
  let url: URL;
  try {
    url = new URL(location, previous.url);
  } catch (cause) {
    throw new EgressRedirectError(
      `${redactUrl(previous.url)} redirected to an invalid URL "${location.slice(0, 200)}".`,
      {
        url: redactUrl(previous.url),
        cause: String(cause),
      },
    );
  }
  const headers = { ...previous.headers };
  const sameOrigin = url.origin === previous.url.origin && url.origin !== 'null';
  if (sameOrigin) {
    url.username = previous.url.username;
    url.password = previous.url.password;
  } else {
    url.username = '';
    url.password = '';
    for (const name of CREDENTIAL_HEADERS) delete headers[name];
  }
  url.hash = '';

  const toGet =
    (status === 303 && previous.method !== 'HEAD') ||
    ((status === 301 || status === 302) && previous.method === 'POST');
  if (!toGet) return { url, method: previous.method, headers, body: previous.body };
  for (const name of BODY_HEADERS) delete headers[name];
  return { url, method: 'GET', headers, body: undefined };
}
