import type { IncomingHttpHeaders } from 'node:http';
import { WeftError } from '@weft/engine';
import { redactUrl } from './errors.ts';
import type { EgressResponse } from './types.ts';

/** Builds the public response object from a fully read body. */
export function toEgressResponse(input: {
  status: number;
  headers: IncomingHttpHeaders;
  url: URL;
  redirects: number;
  body: Uint8Array;
}): EgressResponse {
  const headers = flattenHeaders(input.headers);
  // The final URL is shown to callers and models: without the user info that may hold a password.
  const shown = new URL(input.url);
  shown.username = '';
  shown.password = '';
  const url = shown.href;
  let text: string | undefined;
  return {
    status: input.status,
    headers,
    url,
    redirects: input.redirects,
    body: input.body,
    text: () => (text ??= decodeText(input.body, headers['content-type'])),
    json: () => {
      try {
        return JSON.parse(text ?? (text = decodeText(input.body, headers['content-type']))) as unknown;
      } catch (cause) {
        throw new WeftError(
          'INVALID_INPUT',
          `Response from ${redactUrl(input.url)} is not valid JSON: ${(cause as Error).message}`,
          {
            cause,
          },
        );
      }
    },
  };
}

/** Lower-case names, repeated headers joined with `, ` (as fetch's Headers does). */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Decodes with the charset named in `Content-Type`, falling back to UTF-8 for unknown ones. */
export function decodeText(body: Uint8Array, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
