import { createAnthropic } from '@ai-sdk/anthropic';
import type { ProviderAdapter } from './adapter.ts';
import { readEnv, withVersionSegment } from './env.ts';
import { missingKeyError } from './errors.ts';

const ANTHROPIC_URL = 'https://api.anthropic.com/v1';

/** Anthropic Messages API (`POST {base}/messages`). ANTHROPIC_BASE_URL may omit the `/v1`, as Anthropic's own SDK expects. */
export const anthropicAdapter: ProviderAdapter = {
  id: 'anthropic',
  label: 'Anthropic',

  connect({ env, fetch }, model) {
    const apiKey = readEnv(env, 'ANTHROPIC_API_KEY');
    const configured = readEnv(env, 'ANTHROPIC_BASE_URL');
    // A proxy at a custom URL may hold the key itself; the public API never does.
    if (!apiKey && !configured) throw missingKeyError('Anthropic', model, 'ANTHROPIC_API_KEY');
    const baseURL = configured ? withVersionSegment(configured, 'v1') : ANTHROPIC_URL;
    // Always pass the key and URL explicitly: the SDK would otherwise fall back to process.env.
    const provider = createAnthropic({ apiKey: apiKey ?? '', baseURL, ...(fetch ? { fetch } : {}) });
    return { baseURL, apiKeyEnv: 'ANTHROPIC_API_KEY', languageModel: (id) => provider.messages(id) };
  },
};
