import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { Json } from '@weft/engine';
import type { ProviderAdapter } from './adapter.ts';
import { readEnv, trimSlash } from './env.ts';
import { missingKeyError } from './errors.ts';

const OPENAI_URL = 'https://api.openai.com/v1';

/**
 * OpenAI, and any OpenAI-compatible server when OPENAI_BASE_URL is set. Both speak Chat Completions
 * (`POST {base}/chat/completions`): every compatible server (vLLM, LM Studio, OpenRouter, Bailian)
 * supports it, so one wire format covers them all.
 */
export const openaiAdapter: ProviderAdapter = {
  id: 'openai',
  label: 'OpenAI',
  // `POST {base}/embeddings`: up to 2048 inputs a request; the byte cap keeps well under its token cap.
  embeddings: { defaultModel: 'text-embedding-3-small', maxValuesPerCall: 2048, maxBytesPerCall: 300_000, parallelCalls: 4 },

  connect({ env, fetch }, model) {
    const apiKey = readEnv(env, 'OPENAI_API_KEY');
    const baseURL = readEnv(env, 'OPENAI_BASE_URL');
    if (baseURL) {
      // The compatible client sends only standard fields (no OpenAI-only reasoning-model rewrites),
      // and a local server may need no key at all.
      const provider = createOpenAICompatible({
        name: 'openai',
        baseURL: trimSlash(baseURL),
        ...(apiKey ? { apiKey } : {}),
        ...(fetch ? { fetch } : {}),
        includeUsage: true,
        // json_schema is widely supported; OPENAI_STRUCTURED_OUTPUTS=false falls back to json_object.
        supportsStructuredOutputs: readEnv(env, 'OPENAI_STRUCTURED_OUTPUTS') !== 'false',
      });
      return {
        baseURL: trimSlash(baseURL),
        apiKeyEnv: 'OPENAI_API_KEY',
        languageModel: (id) => provider.chatModel(id),
        embeddingModel: (id) => provider.embeddingModel(id),
      };
    }
    if (!apiKey) throw missingKeyError('OpenAI', model, 'OPENAI_API_KEY');
    const provider = createOpenAI({ apiKey, baseURL: OPENAI_URL, ...(fetch ? { fetch } : {}) });
    return {
      baseURL: OPENAI_URL,
      apiKeyEnv: 'OPENAI_API_KEY',
      languageModel: (id) => provider.chat(id),
      embeddingModel: (id) => provider.embedding(id),
    };
  },

  // Strict structured outputs reject schemas with optional or open-ended objects (HTTP 400), so a
  // user's schema is enforced strictly only when it already meets those rules; otherwise it guides.
  providerOptions(request) {
    const schema = request.responseFormat?.schema;
    return schema ? { openai: { strictJsonSchema: isStrictCompatible(schema) } } : undefined;
  },
};

/** True when every object in the schema closes `additionalProperties` and requires all its properties. */
export function isStrictCompatible(schema: Json): boolean {
  if (Array.isArray(schema)) return schema.every(isStrictCompatible);
  if (typeof schema !== 'object' || schema === null) return true;
  const properties = schema.properties;
  const hasProperties = typeof properties === 'object' && properties !== null && !Array.isArray(properties);
  if (hasProperties || schema.type === 'object') {
    const required = Array.isArray(schema.required) ? schema.required : [];
    if (schema.additionalProperties !== false) return false;
    if (hasProperties && !Object.keys(properties).every((key) => required.includes(key))) return false;
  }
  return Object.entries(schema).every(([key, value]) => key === 'required' || key === 'enum' || key === 'const' || isStrictCompatible(value));
}
