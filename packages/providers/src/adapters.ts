import type { ProviderAdapter } from './adapter.ts';
import { anthropicAdapter } from './anthropic.ts';
import { googleAdapter } from './google.ts';
import type { ProviderId } from './model-ref.ts';
import { ollamaAdapter } from './ollama.ts';
import { openaiAdapter } from './openai.ts';

/** Every provider adapter, by provider id. */
export const ADAPTERS: Record<ProviderId, ProviderAdapter> = {
  openai: openaiAdapter,
  anthropic: anthropicAdapter,
  google: googleAdapter,
  ollama: ollamaAdapter,
};
