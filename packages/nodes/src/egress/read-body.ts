import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { EgressResponseTooLargeError } from './errors.ts';

/**
 * Reads a response body, decompressing it, and stops with EgressResponseTooLargeError as soon
 * as the decoded size passes `maxBytes`: the cap applies after decompression, so a small
 * compressed bomb cannot expand into memory.
 */
export async function readBody(response: IncomingMessage, url: URL, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new EgressResponseTooLargeError(url, maxBytes);
  }
  const source = decoded(response);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new EgressResponseTooLargeError(url, maxBytes);
      chunks.push(chunk);
    }
  } finally {
    if (total > maxBytes || !response.complete) {
      source.destroy();
      response.destroy();
    }
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function decoded(response: IncomingMessage): Readable {
  const decoder = decoderFor(response.headers['content-encoding']);
  if (!decoder) return response;
  // pipeline forwards errors both ways: a reset socket fails the decoder and vice versa.
  pipeline(response, decoder, () => {});
  return decoder;
}

function decoderFor(
  encoding: string | undefined,
): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | zlib.ZstdDecompress | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'zstd':
      return zlib.createZstdDecompress();
    default:
      return undefined;
  }
}
