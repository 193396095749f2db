import type { Clock, Logger, LogFields, WeftError } from '@weft/engine';

/** How provider calls are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 3). */
  maxRetries: number;
  /** First backoff delay (default 500 ms), doubled per retry. */
  initialDelayMs: number;
  /** Longest backoff delay (default 20 s). */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for in-call: the error goes up, retryable, for the step's own policy. */
  maxRetryAfterMs: number;
}

/** The defaults: 3 retries, 0.5 s → 1 s → 2 s (with jitter), Retry-After honoured up to 60 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, initialDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };

export interface RetryContext {
  policy: RetryPolicy;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  /** Fields for the retry log line. */
  fields: LogFields;
  /** Extra veto, e.g. "no text was streamed to the caller yet". */
  canRetry?: () => boolean;
  random?: () => number;
}

/** Backoff before retry number `retry` (0-based): exponential with "equal jitter" (half fixed, half random). */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Runs `call`, retrying retryable WeftErrors (429, 5xx, dropped connections) with backoff, waiting at
 * least as long as the provider's Retry-After. Sleeps go through the injected clock.
 */
export async function withRetry<T>(call: () => Promise<T>, context: RetryContext): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await call();
    } catch (error) {
      const weft = error as WeftError;
      if (
        context.signal?.aborted ||
        retry >= context.policy.maxRetries ||
        weft.retryable !== true ||
        (context.canRetry && !context.canRetry())
      ) {
        throw error;
      }
      const asked = retryAfterOf(weft);
      if (asked !== undefined && asked > context.policy.maxRetryAfterMs) throw error;
      const delayMs = Math.max(asked ?? 0, backoffMs(context.policy, retry, context.random));
      context.logger.warn('Model call failed; retrying', {
        ...context.fields,
        retry: retry + 1,
        maxRetries: context.policy.maxRetries,
        delayMs,
        error: weft.message,
      });
      await context.clock.sleep(delayMs, context.signal);
    }
  }
}

function retryAfterOf(error: WeftError): number | undefined {
  const details = error.details as { retryAfterMs?: unknown } | undefined;
  return typeof details?.retryAfterMs === 'number' ? details.retryAfterMs : undefined;
}
