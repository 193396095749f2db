import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedReplies, startLoopbackProvider } from '@weft/testing';
import type { ModelRequest } from '@weft/engine';
import { createModelProvider, recordingModelProvider, replayingModelProvider } from './index.ts';

describe('cassettes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-cassette-'));
  const servers: { close(): Promise<void> }[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));

  const request = (content: string, idempotencyKey: string): ModelRequest => ({
    model: 'anthropic:claude-haiku-4-5',
    messages: [{ role: 'user', content }],
    idempotencyKey,
  });

  it('records exchanges and replays them offline, deltas included', async () => {
    const server = await startLoopbackProvider({
      provider: 'anthropic',
      reply: scriptedReplies([{ textChunks: ['Hel', 'lo'] }, { toolCalls: [{ name: 'search', input: { q: 'weft' } }] }]),
    });
    servers.push(server);
    const path = join(dir, 'run.json');
    const live = recordingModelProvider(createModelProvider({ env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url } }), path);
    const recordedDeltas: string[] = [];
    const first = await live.generate(request('greet', 'run-1:a'), { onTextDelta: (d) => recordedDeltas.push(d) });
    const second = await live.generate({ ...request('search', 'run-1:b'), tools: [{ name: 'search', description: 'Search', inputSchema: { type: 'object' } }] });

    const replay = replayingModelProvider(path);
    const replayedDeltas: string[] = [];
    // A different run id (idempotency key) still matches.
    expect(await replay.generate(request('greet', 'run-2:a'), { onTextDelta: (d) => replayedDeltas.push(d) })).toEqual(first);
    expect(replayedDeltas).toEqual(recordedDeltas);
    expect(
      await replay.generate({ ...request('search', 'run-2:b'), tools: [{ name: 'search', description: 'Search', inputSchema: { type: 'object' } }] }),
    ).toEqual(second);
    // The same prompt under another model still finds its answer.
    expect((await replay.generate({ ...request('greet', 'x'), model: 'ollama:llama3.2' })).text).toBe('Hello');
  });

  it('fails clearly on a request that was never recorded', async () => {
    const path = join(dir, 'run.json');
    await expect(replayingModelProvider(path).generate(request('something new', 'k'))).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      retryable: false,
      message: expect.stringMatching(/no recorded answer.*record the cassette again/),
    });
    expect(() => replayingModelProvider(join(dir, 'absent.json'))).toThrow(/does not exist/);
  });

  it('records embeddings and replays them offline, matching on the values', async () => {
    const server = await startLoopbackProvider({ provider: 'ollama', reply: () => ({}) });
    servers.push(server);
    const path = join(dir, 'embed.json');
    const live = recordingModelProvider(createModelProvider({ env: { OLLAMA_BASE_URL: server.origin } }), path);
    const recorded = await live.embed?.({ model: 'ollama:nomic-embed-text', values: ['a cat', 'a dog'] });
    const replay = replayingModelProvider(path);
    expect(await replay.embed?.({ model: 'ollama:nomic-embed-text', values: ['a cat', 'a dog'] })).toEqual(recorded);
    expect(await replay.embed?.({ model: 'openai:text-embedding-3-small', values: ['a cat', 'a dog'] })).toEqual(recorded);
    await expect(replay.embed?.({ model: 'ollama:nomic-embed-text', values: ['a bird'] })).rejects.toThrow(/no recorded embeddings/);
    expect(server.requests).toHaveLength(1);
  });
});
