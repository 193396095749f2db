import { createOllama } from 'ollama-ai-provider-v2';
import type { ProviderAdapter } from './adapter.ts';
import { readEnv, trimSlash } from './env.ts';

const OLLAMA_URL = 'http://127.0.0.1:11434';

/**
 * A local (or remote) Ollama through its native chat API (`POST {base}/api/chat`, NDJSON streaming).
 * OLLAMA_BASE_URL is the server root, as OLLAMA_HOST is; `/api` is added when missing.
 */
export const ollamaAdapter: ProviderAdapter = {
  id: 'ollama',
  label: 'Ollama',
  // `POST {base}/api/embed`. A local server embeds one batch at a time, so requests go one by one.
  embeddings: { defaultModel: 'nomic-embed-text', maxValuesPerCall: 512, parallelCalls: 1 },

  connect({ env, fetch }) {
    const root = trimSlash(withScheme(readEnv(env, 'OLLAMA_BASE_URL') ?? OLLAMA_URL));
    const baseURL = root.endsWith('/api') ? root : `${root}/api`;
    const provider = createOllama({ baseURL, ...(fetch ? { fetch } : {}) });
    return { baseURL, languageModel: (id) => provider.chat(id), embeddingModel: (id) => provider.embedding(id) };
  },

  // /api/chat reads sampling settings from `options`, not from top-level fields.
  providerOptions(request) {
    const options = {
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.maxOutputTokens !== undefined ? { num_predict: request.maxOutputTokens } : {}),
    };
    return Object.keys(options).length ? { ollama: { options } } : undefined;
  },

  hint(status, modelId) {
    return status === 404 ? `Pull the model first: ollama pull ${modelId}` : undefined;
  },
};

function withScheme(url: string): string {
  return /^[a-z]+:\/\//i.test(url) ? url : `http://${url}`;
}
