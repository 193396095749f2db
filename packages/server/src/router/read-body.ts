import { parseWorkflowText, WeftError } from '@weft/engine';
import type { BodyMediaType, ContractRoute } from '@weft/api';
import { RequestError, invalidRequest } from '../errors/request-error.ts';

const JSON_ONLY: readonly BodyMediaType[] = ['application/json'];
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a request body up to `limit` bytes (413 past it, whether or not Content-Length says so),
 * checks its media type against the route's (415), and parses JSON or YAML (400). An empty body
 * is `undefined`, for the route's schema to accept or refuse.
 */
export async function readBody(route: ContractRoute, request: Request, limit: number): Promise<unknown> {
  const bytes = await readLimited(request, limit);
  if (bytes.byteLength === 0) return undefined;

  const allowed = route.bodyTypes ?? JSON_ONLY;
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(mediaType)) {
    throw new RequestError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type ${mediaType ? `'${mediaType}'` : 'is missing'}: send ${allowed.join(' or ')}`,
      { path: 'headers.content-type' },
    );
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw invalidRequest('The body is not valid UTF-8', 'body');
  }
  if (mediaType === 'application/json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw invalidRequest(`The body is not valid JSON: ${jsonErrorWithoutText((error as Error).message)}`, 'body');
    }
  }
  try {
    return parseWorkflowText(text, 'the request body');
  } catch (error) {
    if (error instanceof WeftError) throw error;
    // The YAML library throws plain errors for a few inputs (an alias to nothing, `a: *b`).
    throw invalidRequest(`The body is not valid YAML: ${(error as Error).message}`, 'body');
  }
}

/** Reads a request body's bytes, refusing (413) more than `limit` whether or not Content-Length says so. */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  // With a declared length (checked against the limit above, and enforced by the HTTP parser) the
  // whole body is read at once: the Node adapter does that straight from the socket, much faster
  // than through a web stream. A chunked body is counted as it streams in.
  if (request.headers.has('content-length')) return new Uint8Array(await request.arrayBuffer());
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(limit: number): RequestError {
  return new RequestError('PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes`, { path: 'body' });
}

/**
 * V8 quotes the text around a JSON syntax error (`Unexpected token 's', "{"value": sk-…" is not valid
 * JSON`); the body may be a credential, so the quote is dropped.
 */
export function jsonErrorWithoutText(message: string): string {
  return message.replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
}
