// The ways of reaching each provider, pointed at its loopback server: shared by the conformance suites.
import type { Clock } from '@weft/engine';
import type { LoopbackProvider, LoopbackProviderKind } from '@weft/testing';
import type { Env } from '../index.ts';

/** One way of reaching a provider, pointed at its loopback server. */
export interface Target {
  name: string;
  wire: LoopbackProviderKind;
  model: string;
  env(server: LoopbackProvider): Env;
  /** For the clients that only talk to the vendor's URL: rewrite it to the loopback server. */
  fetch?(server: LoopbackProvider): typeof fetch;
  /** Reads temperature and output-token limit from the provider's request body. */
  sampling(body: Record<string, unknown>): { temperature: unknown; maxTokens: unknown };
  /** The embedding side, for providers that have one. */
  embeddings?: {
    model: string;
    /** Path of a multi-value embeddings request. */
    path: string;
    /** Most values the client sends in one request. */
    maxValuesPerCall: number;
    /** Whether the wire reports token counts (Gemini's does not: Weft estimates). */
    reportsUsage: boolean;
  };
}

export const TARGETS: Target[] = [
  {
    name: 'OpenAI (api.openai.com client, Chat Completions)',
    wire: 'openai',
    model: 'openai:gpt-4o-mini',
    env: () => ({ OPENAI_API_KEY: 'sk-test' }),
    fetch: (server) => rewritingFetch('https://api.openai.com/v1', server.url),
    sampling: (b) => ({ temperature: b.temperature, maxTokens: b.max_tokens ?? b.max_completion_tokens }),
    embeddings: { model: 'openai:text-embedding-3-small', path: '/v1/embeddings', maxValuesPerCall: 2048, reportsUsage: true },
  },
  {
    name: 'OpenAI-compatible (OPENAI_BASE_URL)',
    wire: 'openai',
    model: 'openai:qwen-plus',
    env: (server) => ({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test' }),
    sampling: (b) => ({ temperature: b.temperature, maxTokens: b.max_tokens }),
    embeddings: { model: 'openai:bge-m3', path: '/v1/embeddings', maxValuesPerCall: 2048, reportsUsage: true },
  },
  {
    name: 'Anthropic',
    wire: 'anthropic',
    model: 'anthropic:claude-sonnet-4-5',
    // Anthropic's own SDK convention: the base URL without /v1.
    env: (server) => ({ ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: server.origin }),
    sampling: (b) => ({ temperature: b.temperature, maxTokens: b.max_tokens }),
  },
  {
    name: 'Google Gemini',
    wire: 'gemini',
    model: 'gemini:gemini-2.5-flash',
    env: (server) => ({ GOOGLE_GENERATIVE_AI_API_KEY: 'test-key', GOOGLE_GENERATIVE_AI_BASE_URL: server.url }),
    sampling: (b) => {
      const config = (b.generationConfig ?? {}) as Record<string, unknown>;
      return { temperature: config.temperature, maxTokens: config.maxOutputTokens };
    },
    embeddings: {
      model: 'gemini:text-embedding-004',
      path: '/v1beta/models/text-embedding-004:batchEmbedContents',
      maxValuesPerCall: 100,
      reportsUsage: false,
    },
  },
  {
    name: 'Ollama',
    wire: 'ollama',
    model: 'ollama:llama3.2',
    env: (server) => ({ OLLAMA_BASE_URL: server.origin }),
    sampling: (b) => {
      const options = (b.options ?? {}) as Record<string, unknown>;
      return { temperature: options.temperature, maxTokens: options.num_predict };
    },
    embeddings: { model: 'ollama:nomic-embed-text', path: '/api/embed', maxValuesPerCall: 512, reportsUsage: true },
  },
];

/** Sleeps instantly and remembers how long it was asked to sleep. */
export function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => 0,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
    },
  };
}

export function rewritingFetch(from: string, to: string): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(from)) throw new Error(`Test fetch refused a non-loopback URL: ${url}`);
    return fetch(to + url.slice(from.length), init);
  };
}

