import { silentLogger, systemClock } from '@weft/engine';
import type {
  Clock,
  EmbedRequest,
  EmbedResponse,
  Logger,
  ModelCallOptions,
  ModelProvider,
  ModelRequest,
  ModelResponse,
  Usage,
} from '@weft/engine';
import type { ProviderAdapter, ProviderClient } from './adapter.ts';
import { ADAPTERS } from './adapters.ts';
import { runEmbedCall } from './embed-call.ts';
import { embeddingSupport } from './embedding-model.ts';
import type { Env } from './env.ts';
import { readEnv } from './env.ts';
import type { CallContext } from './errors.ts';
import { toProviderError } from './errors.ts';
import { parseModelRef } from './model-ref.ts';
import type { ModelRef, ProviderId } from './model-ref.ts';
import { DEFAULT_PRICES, costOf, findPrice, loadPriceFile } from './prices.ts';
import type { PriceTable } from './prices.ts';
import { DEFAULT_RETRY_POLICY, withRetry } from './retry.ts';
import { runTurn } from './turn.ts';

/** Settings of {@link createModelProvider}. */
export interface ModelProviderOptions {
  /** Where provider settings are read from (default `process.env`). */
  env?: Env;
  /** Extra or overriding prices (USD per million tokens, keyed by `provider:model`); `WEFT_PRICES` adds a JSON file. */
  prices?: PriceTable;
  /** Custom fetch for every provider (proxies, tests). */
  fetch?: typeof fetch;
  /** Retries of 429/5xx/dropped connections per call (default 3). */
  maxRetries?: number;
  /** Used for retry sleeps (a fake clock makes them instant in tests). */
  clock?: Clock;
  logger?: Logger;
}

/**
 * The engine's ModelProvider backed by the Vercel AI SDK: `openai:`, `anthropic:`, `google:`/`gemini:`
 * and `ollama:` models, configured from environment variables. `embed` works for OpenAI (and
 * compatible servers), Gemini and Ollama; see `resolveEmbeddingModel` for the default embedding model.
 *
 * @example
 * const models = createModelProvider({ env: process.env });
 * const answer = await models.generate({ model: 'openai:gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * const { embeddings } = await models.embed!({ model: 'openai:text-embedding-3-small', values: ['hello'] });
 */
export function createModelProvider(options: ModelProviderOptions = {}): ModelProvider {
  // The SDK prints warnings to the console by default; Weft sends them to its logger instead
  // (unless the host application set its own handler).
  globalThis.AI_SDK_LOG_WARNINGS ??= false;
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries };
  const priceFile = readEnv(env, 'WEFT_PRICES');
  const prices: PriceTable = { ...DEFAULT_PRICES, ...(priceFile ? loadPriceFile(priceFile) : {}), ...options.prices };
  const clients = new Map<ProviderId, ProviderClient>();

  function clientFor(ref: ModelRef): ProviderClient {
    let client = clients.get(ref.provider);
    if (!client) {
      // Connecting only reads settings; a missing key throws here, before any request.
      client = ADAPTERS[ref.provider].connect({ env, ...(options.fetch ? { fetch: options.fetch } : {}) }, ref.canonical);
      clients.set(ref.provider, client);
    }
    return client;
  }

  function withCost(model: string, tokens: { inputTokens: number; outputTokens: number }): Usage {
    const usage: Usage = { ...tokens, totalTokens: tokens.inputTokens + tokens.outputTokens };
    const price = findPrice(prices, model);
    if (price) usage.costUsd = costOf(price, usage);
    return usage;
  }

  return {
    async generate(request: ModelRequest, callOptions: ModelCallOptions = {}): Promise<ModelResponse> {
      const ref = parseModelRef(request.model);
      const adapter = ADAPTERS[ref.provider];
      const client = clientFor(ref);
      const context = callContext(adapter, client, ref);
      const { signal } = callOptions;
      const startedAt = clock.now();
      const deltas = trackDeltas(callOptions.onTextDelta);
      const providerOptions = adapter.providerOptions?.(request);
      const turn = await withRetry(
        async () => {
          try {
            return await runTurn(request, {
              model: client.languageModel(ref.modelId),
              ...(providerOptions ? { providerOptions } : {}),
              ...(signal ? { signal } : {}),
              ...(deltas.callback ? { onTextDelta: deltas.callback } : {}),
            });
          } catch (error) {
            // A cancelled call fails with the canceller's reason, not as a provider error.
            if (signal?.aborted) throw signal.reason;
            if (deltas.callbackError) throw deltas.callbackError.error;
            throw toProviderError(error, context);
          }
        },
        {
          policy,
          clock,
          logger,
          ...(signal ? { signal } : {}),
          fields: { model: ref.canonical },
          // Text already handed to the caller cannot be taken back: leave that retry to the step.
          canRetry: () => !deltas.streamed,
        },
      );
      const usage: Usage = { ...turn.usage };
      const price = findPrice(prices, ref.canonical);
      if (price) usage.costUsd = costOf(price, usage);
      for (const warning of turn.warnings) logger.warn(`Model provider warning: ${warning}`, { model: ref.canonical });
      logger.debug('Model call finished', { model: ref.canonical, finishReason: turn.finishReason, ...usage, ms: clock.now() - startedAt });
      return { model: ref.canonical, text: turn.text, toolCalls: turn.toolCalls, finishReason: turn.finishReason, usage };
    },

    async embed(request: EmbedRequest, callOptions: { signal?: AbortSignal } = {}): Promise<EmbedResponse> {
      const ref = parseModelRef(request.model);
      const support = embeddingSupport(ref);
      if (request.values.length === 0) return { model: ref.canonical, embeddings: [], usage: withCost(ref.canonical, { inputTokens: 0, outputTokens: 0 }) };
      const adapter = ADAPTERS[ref.provider];
      const client = clientFor(ref);
      if (!client.embeddingModel) throw new Error(`${adapter.label} declares embeddings but its client builds no embedding model`);
      const context = callContext(adapter, client, ref);
      const startedAt = clock.now();
      const result = await runEmbedCall(request.values, {
        model: client.embeddingModel(ref.modelId),
        support,
        context,
        retry: { policy, clock, logger, fields: { model: ref.canonical } },
        logger,
        ...(callOptions.signal ? { signal: callOptions.signal } : {}),
      });
      const usage = withCost(ref.canonical, { inputTokens: result.inputTokens, outputTokens: 0 });
      logger.debug('Embedding call finished', { model: ref.canonical, values: request.values.length, ...usage, ms: clock.now() - startedAt });
      return { model: ref.canonical, embeddings: result.embeddings, usage };
    },
  };
}

function callContext(adapter: ProviderAdapter, client: ProviderClient, ref: ModelRef): CallContext {
  return {
    label: adapter.label,
    model: ref.canonical,
    baseURL: client.baseURL,
    ...(client.apiKeyEnv ? { apiKeyEnv: client.apiKeyEnv } : {}),
    hint: (status) => adapter.hint?.(status, ref.modelId),
  };
}

/** Wraps the caller's delta callback, noting whether text went out and which exceptions are the caller's own. */
function trackDeltas(onTextDelta: ((delta: string) => void) | undefined) {
  const tracker: { streamed: boolean; callbackError?: { error: unknown }; callback?: (delta: string) => void } = { streamed: false };
  if (onTextDelta) {
    tracker.callback = (delta) => {
      tracker.streamed = true;
      try {
        onTextDelta(delta);
      } catch (error) {
        tracker.callbackError = { error };
        throw error;
      }
    };
  }
  return tracker;
}
