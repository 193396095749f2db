import type { ErrorJson } from '../errors.ts';
import type { RetryPolicy } from '../workflow/schema.ts';

/** Delay before the next attempt, or undefined when the step should not be retried. */
export function nextRetryDelay(
  policy: RetryPolicy | undefined,
  attempt: number,
  error: ErrorJson,
  random: () => number = Math.random,
): number | undefined {
  if (!policy || attempt >= policy.maxAttempts || !error.retryable) return undefined;
  if (policy.retryOn && !policy.retryOn.includes(error.code)) return undefined;
  const retryAfter = retryAfterMs(error);
  if (retryAfter !== undefined) return retryAfter;
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.backoffMultiplier ** (attempt - 1));
  // Jitter spreads retries of many runs apart: draw the last `jitter` fraction of the delay at random.
  return Math.round(base * (1 - policy.jitter) + base * policy.jitter * random());
}

function retryAfterMs(error: ErrorJson): number | undefined {
  const details = error.details;
  if (typeof details === 'object' && details !== null && !Array.isArray(details)) {
    const value = details['retryAfterMs'];
    if (typeof value === 'number' && value >= 0) return value;
  }
  return undefined;
}
