// What an HTTP response becomes: a failure (retryable or not) for error statuses, else the
// node's output body decoded as JSON, text or an artifact reference.
import { NonRetryableError, RetryAfterError, WeftError, type Json, type NodeContext } from '@weft/engine';
import type { EgressResponse } from '../../egress/index.ts';
import { maskSecrets } from './http-auth.ts';

/** How the response body is read. */
export type ResponseFormat = 'auto' | 'json' | 'text' | 'binary';

/** Characters of an error response body quoted in the error message. */
const EXCERPT_CHARS = 500;
/** Longest wait a Retry-After header may ask for before it is ignored as implausible. */
const MAX_RETRY_AFTER_MS = 6 * 3_600_000;

/** The error for a non-2xx/3xx status, or undefined when the status is a success. */
export function statusError(options: {
  response: EgressResponse;
  where: string;
  secrets: readonly string[];
  now: number;
}): Error | undefined {
  const { response, where, secrets, now } = options;
  const { status } = response;
  if (status < 400) return undefined;
  const excerpt = maskSecrets(bodyExcerpt(response), secrets);
  const message = `${where} answered ${status}${excerpt ? `: ${excerpt}` : ''}`;
  const details = { status, body: excerpt };
  if (status === 429 || status >= 500) {
    const wait = retryAfterMs(response.headers['retry-after'], now);
    if (wait !== undefined)
      return new RetryAfterError(message, wait, { details: { ...details, retryAfterMs: wait } });
    return new WeftError('HTTP_ERROR', message, { retryable: true, details });
  }
  return new NonRetryableError(message, { details });
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - now);
  }
  return ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
}

function bodyExcerpt(response: EgressResponse): string {
  if (
    !isTextual(response.headers['content-type']) &&
    response.body.byteLength > 0 &&
    !looksLikeText(response.body)
  )
    return `(${response.body.byteLength} bytes of ${response.headers['content-type'] ?? 'binary data'})`;
  const text = response.text().replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** The output body: parsed JSON, text, or (binary) a reference to the stored artifact. */
export async function readResponseBody(options: {
  response: EgressResponse;
  format: ResponseFormat;
  ctx: Pick<NodeContext<unknown>, 'artifacts' | 'step'>;
  url: URL;
  where: string;
}): Promise<Json> {
  const { response, ctx, url, where } = options;
  const contentType = response.headers['content-type'];
  const format = options.format === 'auto' ? detectFormat(contentType, response.body) : options.format;
  if (format === 'binary') {
    const record = await ctx.artifacts.put(
      artifactName(url, ctx.step.id),
      response.body,
      contentType ?? 'application/octet-stream',
    );
    return {
      artifact: { id: record.id, name: record.name, contentType: record.contentType, size: record.size },
    };
  }
  if (format === 'text') return response.text();
  if (response.body.byteLength === 0) return null;
  try {
    return response.json() as Json;
  } catch {
    throw new NonRetryableError(
      `${where} did not answer JSON (Content-Type ${contentType ?? 'missing'}); set params.response to "text" or "binary".`,
    );
  }
}

function detectFormat(contentType: string | undefined, body: Uint8Array): 'json' | 'text' | 'binary' {
  const type = (contentType ?? '').toLowerCase();
  if (/[/+]json\b/.test(type)) return 'json';
  if (isTextual(type)) return 'text';
  if (!type && (body.byteLength === 0 || looksLikeText(body))) return 'text';
  return 'binary';
}

function isTextual(contentType: string | undefined): boolean {
  const type = (contentType ?? '').toLowerCase();
  return (
    type.startsWith('text/') ||
    /[/+](json|xml|javascript|x-www-form-urlencoded|yaml)\b/.test(type) ||
    type.startsWith('application/ecmascript')
  );
}

function looksLikeText(body: Uint8Array): boolean {
  const sample = body.subarray(0, 512);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return true;
  } catch {
    // A multi-byte character cut at the sample's end is still text.
    return sample.byteLength === 512;
  }
}

function artifactName(url: URL, stepId: string): string {
  const last = url.pathname.split('/').filter(Boolean).at(-1);
  const safe = last
    ? decodeSafe(last)
        .replace(/[^\w.-]+/g, '_')
        .slice(0, 100)
    : '';
  return safe && safe !== '.' && safe !== '..' ? safe : `http-${stepId}.bin`;
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
