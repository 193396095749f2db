import { ProviderError } from '@weft/engine';
import { ADAPTERS } from './adapters.ts';
import type { EmbeddingSupport } from './adapter.ts';
import type { Env } from './env.ts';
import { readEnv } from './env.ts';
import { parseModelRef, PROVIDER_IDS } from './model-ref.ts';
import type { ModelRef, ProviderId } from './model-ref.ts';

/** The providers that offer embeddings, each with its default embedding model (`provider:model`). */
export const DEFAULT_EMBEDDING_MODELS: Partial<Record<ProviderId, string>> = Object.fromEntries(
  PROVIDER_IDS.flatMap((id) => {
    const support = ADAPTERS[id].embeddings;
    return support ? [[id, `${id}:${support.defaultModel}`]] : [];
  }),
);

/**
 * The embedding model to use: `WEFT_EMBEDDING_MODEL` (`provider:model`) when set; else the default
 * embedding model of the chat model's provider (`chatModel`, default `WEFT_MODEL`) when it has
 * embeddings; else that of the first provider configured in `env` (OpenAI, then Gemini), else Ollama's.
 * Throws when WEFT_EMBEDDING_MODEL names a provider without embeddings.
 *
 * @example
 * resolveEmbeddingModel({ WEFT_MODEL: 'google:gemini-2.5-flash' }) // 'google:text-embedding-004'
 */
export function resolveEmbeddingModel(env: Env = process.env, chatModel: string | undefined = readEnv(env, 'WEFT_MODEL')): string {
  const configured = readEnv(env, 'WEFT_EMBEDDING_MODEL');
  if (configured) {
    const ref = parseModelRef(configured);
    embeddingSupport(ref, 'WEFT_EMBEDDING_MODEL');
    return ref.canonical;
  }
  const chatProvider = chatModel ? providerOf(chatModel) : undefined;
  const fallback: ProviderId =
    readEnv(env, 'OPENAI_API_KEY') || readEnv(env, 'OPENAI_BASE_URL')
      ? 'openai'
      : readEnv(env, 'GOOGLE_GENERATIVE_AI_API_KEY') || readEnv(env, 'GOOGLE_GENERATIVE_AI_BASE_URL')
        ? 'google'
        : 'ollama';
  return (chatProvider && DEFAULT_EMBEDDING_MODELS[chatProvider]) ?? (DEFAULT_EMBEDDING_MODELS[fallback] as string);
}

/** The provider's embedding limits; throws a clear, non-retryable error naming the providers that have embeddings. */
export function embeddingSupport(ref: ModelRef, source?: string): EmbeddingSupport {
  const adapter = ADAPTERS[ref.provider];
  if (adapter.embeddings) return adapter.embeddings;
  const offers = Object.entries(DEFAULT_EMBEDDING_MODELS)
    .map(([id, model]) => `${ADAPTERS[id as ProviderId].label} (e.g. ${model})`)
    .join(', ');
  throw new ProviderError(
    `${adapter.label} has no embeddings API, so ${ref.canonical}${source ? ` (from ${source})` : ''} cannot embed text. ` +
      `Use an embedding model of a provider that has one: ${offers}; for example WEFT_EMBEDDING_MODEL=${DEFAULT_EMBEDDING_MODELS.openai ?? ''}.`,
    { code: 'PROVIDER_UNAVAILABLE', retryable: false, details: { model: ref.canonical } },
  );
}

/** Splits values into requests of at most `maxValuesPerCall` values and `maxBytesPerCall` UTF-8 bytes, in order. */
export function splitBatches(values: readonly string[], limits: Pick<EmbeddingSupport, 'maxValuesPerCall' | 'maxBytesPerCall'>): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const value of values) {
    const size = Buffer.byteLength(value, 'utf8');
    const full = current.length >= limits.maxValuesPerCall || (limits.maxBytesPerCall !== undefined && bytes + size > limits.maxBytesPerCall);
    if (current.length > 0 && full) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(value);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function providerOf(model: string): ProviderId | undefined {
  try {
    return parseModelRef(model).provider;
  } catch {
    return undefined;
  }
}
