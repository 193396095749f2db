import { afterEach, describe, expect, it } from 'vitest';
import { constantReply, cosineSimilarity, hashEmbedding, scriptedReplies, startLoopbackProvider } from '../index.ts';
import type { LoopbackProvider, LoopbackProviderKind, LoopbackReplyFn } from '../index.ts';

const servers: LoopbackProvider[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(provider: LoopbackProviderKind, reply: LoopbackReplyFn = constantReply({})) {
  const server = await startLoopbackProvider({ provider, reply });
  servers.push(server);
  return server;
}

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('hashEmbedding', () => {
  it('is deterministic, unit length, and puts texts that share words near each other', () => {
    const a = hashEmbedding('Please refund my broken order');
    expect(hashEmbedding('please REFUND my broken order!')).toEqual(a);
    expect(Math.hypot(...a)).toBeCloseTo(1, 10);
    const near = cosineSimilarity(a, hashEmbedding('refund the broken order'));
    const far = cosineSimilarity(a, hashEmbedding('weather forecast for Oslo tomorrow'));
    expect(near).toBeGreaterThan(0.5);
    expect(near).toBeGreaterThan(far + 0.3);
  });

  it('gives the requested dimension, and zeros for text without words', () => {
    expect(hashEmbedding('x', 8)).toHaveLength(8);
    expect(hashEmbedding('  ?! ', 4)).toEqual([0, 0, 0, 0]);
  });
});

// Each provider's embeddings route, a request body for two values, and where the vectors are in the answer.
const ROUTES: { provider: LoopbackProviderKind; path: string; body: unknown; vectors(body: Record<string, unknown>): unknown }[] = [
  {
    provider: 'openai',
    path: '/v1/embeddings',
    body: { model: 'text-embedding-3-small', input: ['red apple', 'green apple'], encoding_format: 'float' },
    vectors: (b) => (b.data as { embedding: number[] }[]).map((d) => d.embedding),
  },
  {
    provider: 'gemini',
    path: '/v1beta/models/text-embedding-004:batchEmbedContents',
    body: {
      requests: ['red apple', 'green apple'].map((text) => ({ model: 'models/text-embedding-004', content: { role: 'user', parts: [{ text }] } })),
    },
    vectors: (b) => (b.embeddings as { values: number[] }[]).map((e) => e.values),
  },
  {
    provider: 'ollama',
    path: '/api/embed',
    body: { model: 'nomic-embed-text', input: ['red apple', 'green apple'] },
    vectors: (b) => b.embeddings,
  },
  {
    provider: 'ollama',
    path: '/v1/embeddings',
    body: { model: 'nomic-embed-text', input: ['red apple', 'green apple'] },
    vectors: (b) => (b.data as { embedding: number[] }[]).map((d) => d.embedding),
  },
];

describe('embeddings routes', () => {
  it.each(ROUTES)('$provider $path answers hashed embeddings and logs the values', async ({ provider, path, body, vectors }) => {
    const reply = scriptedReplies([{}]);
    const server = await start(provider, reply);
    const res = await post(server.origin + path, body);
    expect(res.status).toBe(200);
    expect(vectors(res.body)).toEqual([hashEmbedding('red apple'), hashEmbedding('green apple')]);
    expect(server.requests[0]?.request?.embed).toEqual({ values: ['red apple', 'green apple'] });
    expect(reply.calls[0]?.model).toMatch(/^(text-embedding|nomic)/);
    reply.assertDone();
  });

  it('answers Gemini :embedContent with one embedding', async () => {
    const server = await start('gemini');
    const res = await post(`${server.url}/models/text-embedding-004:embedContent`, {
      model: 'models/text-embedding-004',
      content: { parts: [{ text: 'hello' }] },
      outputDimensionality: 16,
    });
    expect(res.body).toEqual({ embedding: { values: hashEmbedding('hello', 16) } });
  });

  it('uses the vectors and usage a reply gives, and reports usage in the wire format', async () => {
    const server = await start('openai', constantReply({ embeddings: [[1, 0], [0, 1]], usage: { inputTokens: 42, outputTokens: 0 } }));
    const res = await post(`${server.url}/embeddings`, { model: 'e', input: ['a', 'b'] });
    expect(res.body).toMatchObject({ data: [{ index: 0, embedding: [1, 0] }, { index: 1, embedding: [0, 1] }], usage: { prompt_tokens: 42 } });
  });

  it.each([
    ['openai', '/v1/embeddings', { error: { message: 'slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } }],
    ['gemini', '/v1beta/models/e:batchEmbedContents', { error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' } }],
    ['ollama', '/api/embed', { error: 'slow down' }],
  ] as const)('answers %s errors in its own shape', async (provider, path, expected) => {
    const server = await start(provider, constantReply({ error: { status: 429, message: 'slow down' } }));
    const res = await post(server.origin + path, { model: 'e', input: ['x'], requests: [{ content: { parts: [{ text: 'x' }] } }] });
    expect(res).toEqual({ status: 429, body: expected });
  });

  it('rejects a malformed body with 400, and a vector count that does not match with 500', async () => {
    const server = await start('ollama', constantReply({ embeddings: [[1]] }));
    expect((await post(`${server.origin}/api/embed`, { model: 'e', input: [] })).status).toBe(400);
    const mismatch = await post(`${server.origin}/api/embed`, { model: 'e', input: ['a', 'b'] });
    expect(mismatch).toEqual({ status: 500, body: { error: 'Loopback reply has 1 embeddings for 2 values.' } });
  });

  it('has no embeddings route on the Anthropic server', async () => {
    const server = await start('anthropic');
    expect((await post(`${server.url}/embeddings`, { model: 'x', input: 'y' })).status).toBe(404);
  });
});
