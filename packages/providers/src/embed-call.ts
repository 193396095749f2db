import { embedMany } from 'ai';
import type { Logger } from '@weft/engine';
import type { EmbeddingSupport, SdkEmbeddingModel } from './adapter.ts';
import { splitBatches } from './embedding-model.ts';
import type { CallContext } from './errors.ts';
import { toProviderError } from './errors.ts';
import { withRetry } from './retry.ts';
import type { RetryContext } from './retry.ts';
import { describeWarnings } from './turn.ts';

/** Everything one embedding call needs besides the values. */
export interface EmbedCallOptions {
  model: SdkEmbeddingModel;
  support: EmbeddingSupport;
  context: CallContext;
  retry: Omit<RetryContext, 'signal'>;
  logger: Logger;
  signal?: AbortSignal;
}

/** Vectors in value order and the input tokens they cost (estimated where the provider reports none). */
export interface EmbedCallResult {
  embeddings: number[][];
  inputTokens: number;
}

/**
 * Embeds values in requests within the provider's limits, a few in flight at once. Each request is
 * retried on its own (SDK retries are off); the first request that finally fails cancels the rest.
 */
export async function runEmbedCall(values: readonly string[], options: EmbedCallOptions): Promise<EmbedCallResult> {
  const batches = splitBatches(values, options.support);
  const inner = new AbortController();
  const outer = options.signal;
  const onAbort = () => inner.abort(outer?.reason);
  if (outer?.aborted) throw outer.reason;
  outer?.addEventListener('abort', onAbort, { once: true });
  const results: EmbedCallResult[] = new Array<EmbedCallResult>(batches.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < batches.length; index = next++) {
      results[index] = await embedBatch(batches[index] ?? [], inner.signal, options);
    }
  };
  try {
    const workers = Array.from({ length: Math.min(options.support.parallelCalls, batches.length) }, worker);
    await Promise.all(workers.map((w) => w.catch((error: unknown) => {
      inner.abort(error);
      throw error;
    })));
  } catch (error) {
    throw outer?.aborted ? outer.reason : error;
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }
  return {
    embeddings: results.flatMap((r) => r.embeddings),
    inputTokens: results.reduce((sum, r) => sum + r.inputTokens, 0),
  };
}

async function embedBatch(values: string[], signal: AbortSignal, options: EmbedCallOptions): Promise<EmbedCallResult> {
  return withRetry(
    async () => {
      try {
        const result = await embedMany({ model: options.model, values, maxRetries: 0, abortSignal: signal });
        for (const warning of describeWarnings(result.warnings)) {
          options.logger.warn(`Embedding provider warning: ${warning}`, { model: options.context.model });
        }
        if (result.embeddings.length !== values.length) {
          throw new Error(`the provider returned ${result.embeddings.length} embeddings for ${values.length} values`);
        }
        // Gemini reports no token counts: estimate about four bytes per token, so cost is not silently zero.
        const reported = result.usage.tokens;
        const inputTokens = Number.isFinite(reported) ? reported : estimateTokens(values);
        return { embeddings: result.embeddings.map((e) => [...e]), inputTokens };
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        throw toProviderError(error, options.context);
      }
    },
    { ...options.retry, signal },
  );
}

function estimateTokens(values: readonly string[]): number {
  return values.reduce((sum, value) => sum + Math.ceil(Buffer.byteLength(value, 'utf8') / 4), 0);
}
