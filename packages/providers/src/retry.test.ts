import { describe, expect, it } from 'vitest';
import { ProviderError, silentLogger } from '@weft/engine';
import type { Clock } from '@weft/engine';
import { retryAfter } from './errors.ts';
import { backoffMs, DEFAULT_RETRY_POLICY, withRetry } from './retry.ts';

function clock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
}

const failing = (errors: Error[]) => {
  let calls = 0;
  const call = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return 'ok';
  };
  return { call, calls: () => calls };
};

describe('backoffMs', () => {
  it('doubles per retry with jitter between half and the whole step, capped', () => {
    expect(backoffMs(DEFAULT_RETRY_POLICY, 0, () => 0)).toBe(250);
    expect(backoffMs(DEFAULT_RETRY_POLICY, 0, () => 1)).toBe(500);
    expect(backoffMs(DEFAULT_RETRY_POLICY, 2, () => 1)).toBe(2000);
    expect(backoffMs(DEFAULT_RETRY_POLICY, 30, () => 1)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});

describe('withRetry', () => {
  const busy = (retryAfterMs?: number) =>
    new ProviderError('busy', { status: 429, retryable: true, ...(retryAfterMs !== undefined ? { details: { retryAfterMs } } : {}) });

  it('retries retryable errors and waits at least Retry-After', async () => {
    const c = clock();
    const f = failing([busy(5000), busy()]);
    await expect(withRetry(f.call, { policy: DEFAULT_RETRY_POLICY, clock: c, logger: silentLogger, fields: {}, random: () => 0 })).resolves.toBe('ok');
    expect(c.sleeps).toEqual([5000, 500]);
  });

  it('does not wait in-call for a Retry-After beyond the limit', async () => {
    const c = clock();
    const f = failing([busy(10 * 60_000)]);
    await expect(withRetry(f.call, { policy: DEFAULT_RETRY_POLICY, clock: c, logger: silentLogger, fields: {} })).rejects.toThrow('busy');
    expect(f.calls()).toBe(1);
  });

  it('never retries non-retryable errors, or when the caller vetoes', async () => {
    const c = clock();
    const bad = failing([new ProviderError('bad', { status: 400, retryable: false })]);
    await expect(withRetry(bad.call, { policy: DEFAULT_RETRY_POLICY, clock: c, logger: silentLogger, fields: {} })).rejects.toThrow('bad');
    const vetoed = failing([busy()]);
    await expect(withRetry(vetoed.call, { policy: DEFAULT_RETRY_POLICY, clock: c, logger: silentLogger, fields: {}, canRetry: () => false })).rejects.toThrow('busy');
    expect(bad.calls() + vetoed.calls()).toBe(2);
  });
});

describe('retryAfter', () => {
  it.each([
    [{ 'retry-after-ms': '1500' }, 1500],
    [{ 'Retry-After': '2' }, 2000],
    [{ 'retry-after': new Date(10_000).toUTCString() }, 10_000],
    [{}, undefined],
  ])('reads %j', (headers, expected) => {
    expect(retryAfter(headers, 0)).toBe(expected);
  });
});
