import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '@weft/engine';
import { cosineSimilarity, hashEmbedding, scriptedReplies, startLoopbackProvider } from '@weft/testing';
import type { LoopbackProvider, LoopbackReply, LoopbackReplyFn } from '@weft/testing';
import { createModelProvider, DEFAULT_PRICES, findPrice } from './index.ts';
import { recordingClock, TARGETS } from './test-support/targets.ts';
import type { Target } from './test-support/targets.ts';

const servers: LoopbackProvider[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(target: Target, script: (LoopbackReply | LoopbackReplyFn)[], options: { maxRetries?: number } = {}) {
  const reply = scriptedReplies(script);
  const server = await startLoopbackProvider({ provider: target.wire, reply });
  servers.push(server);
  const clock = recordingClock();
  const provider = createModelProvider({
    env: target.env(server),
    clock,
    ...(target.fetch ? { fetch: target.fetch(server) } : {}),
    prices: { [canonical(target)]: { input: 2, output: 0 } },
    ...options,
  });
  return { server, reply, clock, provider, embed: provider.embed?.bind(provider) ?? fail('no embed') };
}

const canonical = (target: Target) => (target.embeddings?.model ?? '').replace(/^gemini:/, 'google:');
const fail = (message: string): never => {
  throw new Error(message);
};

describe.each(TARGETS.filter((t) => t.embeddings))('embeddings: $name', (target) => {
  const spec = target.embeddings ?? fail('no embeddings');
  const model = spec.model;

  it('embeds values in order, on the provider route, with usage and cost', async () => {
    const { server, reply, embed } = await setup(target, [{ usage: { inputTokens: 1000, outputTokens: 0 } }]);
    const values = ['The cat sat on the mat', 'A cat on a mat', 'Quarterly revenue grew'];
    const response = await embed({ model, values });
    expect(response.model).toBe(canonical(target));
    expect(response.embeddings).toEqual(values.map((v) => hashEmbedding(v)));
    expect(server.requests.map((r) => r.path.split('?')[0])).toEqual([spec.path]);
    expect(reply.calls[0]?.embed?.values).toEqual(values);
    // Similar texts stay near through the whole round trip.
    const [cat, cat2, revenue] = response.embeddings as [number[], number[], number[]];
    expect(cosineSimilarity(cat, cat2)).toBeGreaterThan(cosineSimilarity(cat, revenue));
    // Gemini reports no tokens: Weft estimates about four bytes per token.
    const inputTokens = spec.reportsUsage ? 1000 : values.reduce((n, v) => n + Math.ceil(v.length / 4), 0);
    expect(response.usage).toEqual({ inputTokens, outputTokens: 0, totalTokens: inputTokens, costUsd: expect.closeTo((inputTokens * 2) / 1e6, 12) });
    reply.assertDone();
  });

  it('embeds a single value', async () => {
    const { embed } = await setup(target, [{}]);
    const response = await embed({ model, values: ['hello world'] });
    expect(response.embeddings).toEqual([hashEmbedding('hello world')]);
  });

  it('answers no values without a request', async () => {
    const { server, embed } = await setup(target, []);
    expect(await embed({ model, values: [] })).toMatchObject({ embeddings: [], usage: { totalTokens: 0 } });
    expect(server.requests).toHaveLength(0);
  });

  it('splits many values into requests within the provider limit, keeping the order', async () => {
    const count = spec.maxValuesPerCall * 2 + 3;
    const values = Array.from({ length: count }, (_, i) => `item ${i}`);
    const { server, embed } = await setup(target, [{}, {}, {}]);
    const response = await embed({ model, values });
    expect(server.requests.map((r) => r.request?.embed?.values.length)).toEqual([spec.maxValuesPerCall, spec.maxValuesPerCall, 3]);
    expect(response.embeddings).toHaveLength(count);
    expect(response.embeddings[count - 1]).toEqual(hashEmbedding(`item ${count - 1}`));
    expect(response.embeddings[spec.maxValuesPerCall]).toEqual(hashEmbedding(`item ${spec.maxValuesPerCall}`));
  });

  it('retries a 429 after the Retry-After delay, then succeeds', async () => {
    const { server, clock, embed } = await setup(target, [
      { error: { status: 429, message: 'Rate limit reached', headers: { 'retry-after': '2' } } },
      {},
    ]);
    const response = await embed({ model, values: ['a', 'b'] });
    expect(response.embeddings).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(2000);
  });

  it("surfaces the provider's message and status without retrying a 400", async () => {
    const { server, embed } = await setup(target, [{ error: { status: 400, message: 'input is too long for this model' } }]);
    const error = await embed({ model, values: ['a', 'b'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', status: 400, retryable: false });
    expect((error as Error).message).toContain('input is too long for this model');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a persistent 5xx after maxRetries, as a retryable error', async () => {
    const boom = { error: { status: 503, message: 'overloaded' } };
    const { server, embed } = await setup(target, [boom, boom], { maxRetries: 1 });
    const error = await embed({ model, values: ['a', 'b'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(server.requests).toHaveLength(2);
  });

  it('rejects promptly with the abort reason when cancelled', async () => {
    const { provider } = await setup(target, [{ delayMs: 5_000 }]);
    const controller = new AbortController();
    const reason = new Error('step cancelled');
    setTimeout(() => controller.abort(reason), 50);
    const started = Date.now();
    await expect(provider.embed?.({ model, values: ['a', 'b'] }, { signal: controller.signal })).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports connection refused as PROVIDER_UNAVAILABLE', async () => {
    const server = await startLoopbackProvider({ provider: target.wire, reply: () => ({}) });
    await server.close();
    const provider = createModelProvider({ env: target.env(server), clock: recordingClock(), ...(target.fetch ? { fetch: target.fetch(server) } : {}) });
    const error = await provider.embed?.({ model, values: ['a'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false });
  });
});

describe('embeddings: providers without them', () => {
  it('says that Anthropic has none and names the providers that do, before any request', async () => {
    const provider = createModelProvider({ env: {} });
    const error = await provider.embed?.({ model: 'anthropic:claude-sonnet-4-5', values: ['x'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false });
    const message = (error as Error).message;
    expect(message).toContain('Anthropic has no embeddings API');
    for (const model of ['openai:text-embedding-3-small', 'google:text-embedding-004', 'ollama:nomic-embed-text']) expect(message).toContain(model);
  });
});

describe('embedding prices', () => {
  it.each([
    ['openai:text-embedding-3-small', 0.02],
    ['openai:text-embedding-3-large', 0.13],
    ['google:gemini-embedding-001', 0.15],
    ['ollama:nomic-embed-text', 0],
  ])('knows %s', (model, input) => {
    expect(findPrice(DEFAULT_PRICES, model)).toEqual({ input, output: 0 });
  });
});
