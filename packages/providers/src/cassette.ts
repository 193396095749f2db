import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ProviderError, WeftError } from '@weft/engine';
import type { EmbedRequest, EmbedResponse, Json, ModelCallOptions, ModelProvider, ModelRequest, ModelResponse } from '@weft/engine';

/** One recorded model exchange. */
export interface CassetteEntry {
  /** Hash of the request (model, prompt, tools, settings; not the idempotency key). */
  key: string;
  /** The same hash without the model, so a replay still matches when the model resolves differently. */
  looseKey: string;
  request: ModelRequest;
  /** Text deltas as they streamed, when the caller streamed. */
  deltas?: string[];
  response: ModelResponse;
}

/** One recorded embeddings call. */
export interface CassetteEmbedEntry {
  /** Hash of model and values. */
  key: string;
  /** Hash of the values only. */
  looseKey: string;
  request: EmbedRequest;
  response: EmbedResponse;
}

/** A cassette file: provider exchanges recorded in call order. */
export interface Cassette {
  version: 1;
  entries: CassetteEntry[];
  /** Embeddings calls, when any were made. */
  embeddings?: CassetteEmbedEntry[];
}

/** Stable hash of an embeddings request (optionally without the model). */
export function embedKey(request: EmbedRequest, options: { ignoreModel?: boolean } = {}): string {
  const keyed = options.ignoreModel ? { values: request.values } : { model: request.model, values: request.values };
  return createHash('sha256').update(stableJson(keyed)).digest('hex');
}

/** Stable hash of a request: same prompt and settings, same key, whatever the run or attempt. */
export function requestKey(request: ModelRequest, options: { ignoreModel?: boolean } = {}): string {
  const { idempotencyKey: _idempotencyKey, model, ...rest } = request;
  const keyed = options.ignoreModel ? rest : { model, ...rest };
  return createHash('sha256').update(stableJson(keyed)).digest('hex');
}

/**
 * Wraps a provider so that every successful exchange is appended to a cassette JSON file (created if
 * missing), for a later offline replay with {@link replayingModelProvider}.
 */
export function recordingModelProvider(inner: ModelProvider, path: string): ModelProvider {
  const cassette = existsSync(path) ? readCassette(path) : { version: 1 as const, entries: [] };
  return {
    async generate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResponse> {
      const deltas: string[] = [];
      const onTextDelta = options.onTextDelta;
      const response = await inner.generate(request, {
        ...options,
        ...(onTextDelta
          ? {
              onTextDelta: (delta: string) => {
                deltas.push(delta);
                onTextDelta(delta);
              },
            }
          : {}),
      });
      const { idempotencyKey: _idempotencyKey, ...stored } = request;
      cassette.entries.push({
        key: requestKey(request),
        looseKey: requestKey(request, { ignoreModel: true }),
        request: stored,
        ...(onTextDelta ? { deltas } : {}),
        response,
      });
      writeCassette(path, cassette);
      return response;
    },
    ...(inner.embed
      ? {
          async embed(request: EmbedRequest, options: { signal?: AbortSignal } = {}): Promise<EmbedResponse> {
            const response = await (inner.embed as NonNullable<ModelProvider['embed']>)(request, options);
            (cassette.embeddings ??= []).push({
              key: embedKey(request),
              looseKey: embedKey(request, { ignoreModel: true }),
              request,
              response,
            });
            writeCassette(path, cassette);
            return response;
          },
        }
      : {}),
  };
}

/**
 * A provider that answers from a cassette file, offline. Identical requests get their recorded
 * answers in order (the last one repeats); a request that was never recorded fails with a clear error.
 */
export function replayingModelProvider(path: string): ModelProvider {
  if (!existsSync(path)) {
    throw new WeftError('NOT_FOUND', `Cassette ${path} does not exist: record one first (recordingModelProvider).`);
  }
  const cassette = readCassette(path);
  const served = new Map<string, number>();

  function find(request: ModelRequest): CassetteEntry | undefined {
    for (const [field, key] of [
      ['key', requestKey(request)],
      ['looseKey', requestKey(request, { ignoreModel: true })],
    ] as const) {
      const matches = cassette.entries.filter((entry) => entry[field] === key);
      if (matches.length) {
        const index = served.get(`${field}:${key}`) ?? 0;
        served.set(`${field}:${key}`, index + 1);
        return matches[Math.min(index, matches.length - 1)];
      }
    }
    return undefined;
  }

  return {
    async generate(request: ModelRequest, options: ModelCallOptions = {}): Promise<ModelResponse> {
      if (options.signal?.aborted) throw options.signal.reason;
      const entry = find(request);
      if (!entry) {
        throw new ProviderError(
          `Cassette ${path} has no recorded answer for this ${request.model} request (key ${requestKey(request).slice(0, 12)}). ` +
            'The prompt, tools or settings changed since it was recorded: record the cassette again.',
          { retryable: false, details: { cassette: path, key: requestKey(request) } },
        );
      }
      if (options.onTextDelta) {
        for (const delta of entry.deltas ?? (entry.response.text ? [entry.response.text] : [])) options.onTextDelta(delta);
      }
      return structuredClone(entry.response);
    },

    async embed(request: EmbedRequest, options: { signal?: AbortSignal } = {}): Promise<EmbedResponse> {
      if (options.signal?.aborted) throw options.signal.reason;
      const recorded = cassette.embeddings ?? [];
      const entry =
        recorded.find((e) => e.key === embedKey(request)) ?? recorded.find((e) => e.looseKey === embedKey(request, { ignoreModel: true }));
      if (!entry) {
        throw new ProviderError(
          `Cassette ${path} has no recorded embeddings for these ${request.values.length} value(s) (${request.model}): record the cassette again.`,
          { retryable: false, details: { cassette: path, key: embedKey(request) } },
        );
      }
      return structuredClone(entry.response);
    },
  };
}

function readCassette(path: string): Cassette {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new WeftError('INVALID_INPUT', `Cannot read cassette ${path}: ${(error as Error).message}`, { cause: error });
  }
  const cassette = parsed as Partial<Cassette>;
  if (cassette.version !== 1 || !Array.isArray(cassette.entries)) {
    throw new WeftError('INVALID_INPUT', `Cassette ${path} is not a Weft cassette (expected {"version":1,"entries":[…]}).`);
  }
  return cassette as Cassette;
}

// Written whole to a temporary file and renamed, so a crash never leaves half a cassette.
function writeCassette(path: string, cassette: Cassette): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(cassette, null, 2)}\n`);
  renameSync(temp, path);
}

/** JSON with object keys sorted, so equal values hash equally. */
function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value as Json));
}

function sortKeys(value: Json | undefined): Json | undefined {
  if (Array.isArray(value)) return value.map((item) => sortKeys(item) ?? null);
  if (typeof value !== 'object' || value === null) return value;
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) {
    const sorted = sortKeys(value[key]);
    if (sorted !== undefined) out[key] = sorted;
  }
  return out;
}
