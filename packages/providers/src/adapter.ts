import type { EmbeddingModel, LanguageModel, generateText } from 'ai';
import type { ModelRequest } from '@weft/engine';
import type { Env } from './env.ts';
import type { ProviderId } from './model-ref.ts';

/** Provider-specific request options, in the AI SDK's `providerOptions` shape. */
export type SdkProviderOptions = NonNullable<Parameters<typeof generateText>[0]['providerOptions']>;

/** What a provider adapter is built from. */
export interface AdapterSettings {
  env: Env;
  fetch?: typeof fetch;
}

/** A configured provider: where it sends requests and how it makes a model. */
export interface ProviderClient {
  baseURL: string;
  /** Environment variable holding the API key (named in 401/403 messages). */
  apiKeyEnv?: string;
  languageModel(modelId: string): LanguageModel;
  /** Builds an embedding model; present exactly when the adapter declares `embeddings`. */
  embeddingModel?(modelId: string): SdkEmbeddingModel;
}

/** An AI SDK embedding model object (not a gateway id string). */
export type SdkEmbeddingModel = Exclude<EmbeddingModel, string>;

/** What a provider's embeddings API takes in one request, and its default embedding model. */
export interface EmbeddingSupport {
  /** Model id used when neither WEFT_EMBEDDING_MODEL nor the caller names one, e.g. `text-embedding-3-small`. */
  defaultModel: string;
  /** Most values sent in one request. */
  maxValuesPerCall: number;
  /** Most UTF-8 bytes of input in one request (a single larger value still goes alone). */
  maxBytesPerCall?: number;
  /** Requests in flight at once when many values need several. */
  parallelCalls: number;
}

/** One model provider (OpenAI, Anthropic…): reads its settings and builds the AI SDK client. */
export interface ProviderAdapter {
  id: ProviderId;
  label: string;
  /** Present when the provider offers embeddings. */
  embeddings?: EmbeddingSupport;
  /** Builds the client; throws a PROVIDER_UNAVAILABLE ProviderError when a required key is missing. */
  connect(settings: AdapterSettings, model: string): ProviderClient;
  /** Provider options for one request (e.g. Ollama's sampling options). */
  providerOptions?(request: ModelRequest): SdkProviderOptions | undefined;
  /** Extra advice for an HTTP status (e.g. how to pull a missing Ollama model). */
  hint?(status: number, modelId: string): string | undefined;
}
