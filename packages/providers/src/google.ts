import { createGoogleGenerativeAI } from '@ai-sdk/google';
import type { ProviderAdapter } from './adapter.ts';
import { readEnv, withVersionSegment } from './env.ts';
import { missingKeyError } from './errors.ts';

const GOOGLE_URL = 'https://generativelanguage.googleapis.com/v1beta';

/**
 * Google Gemini through the Generative Language API (`POST {base}/models/{id}:generateContent`,
 * `:streamGenerateContent?alt=sse`; embeddings through `:batchEmbedContents`). Reached as `google:` or `gemini:`.
 */
export const googleAdapter: ProviderAdapter = {
  id: 'google',
  label: 'Google Gemini',
  // `:embedContent` for one value, `:batchEmbedContents` (at most 100 requests) for more.
  embeddings: { defaultModel: 'text-embedding-004', maxValuesPerCall: 100, parallelCalls: 4 },

  connect({ env, fetch }, model) {
    const apiKey = readEnv(env, 'GOOGLE_GENERATIVE_AI_API_KEY');
    const configured = readEnv(env, 'GOOGLE_GENERATIVE_AI_BASE_URL');
    if (!apiKey && !configured) throw missingKeyError('Google Gemini', model, 'GOOGLE_GENERATIVE_AI_API_KEY');
    const baseURL = configured ? withVersionSegment(configured, 'v1beta') : GOOGLE_URL;
    const provider = createGoogleGenerativeAI({ apiKey: apiKey ?? '', baseURL, ...(fetch ? { fetch } : {}) });
    return {
      baseURL,
      apiKeyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY',
      languageModel: (id) => provider.chat(id),
      embeddingModel: (id) => provider.embedding(id),
    };
  },
};
