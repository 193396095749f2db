import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '@weft/engine';
import type { ModelRequest } from '@weft/engine';
import { scriptedReplies, startLoopbackProvider } from '@weft/testing';
import type { LoopbackProvider, LoopbackReply, LoopbackReplyFn } from '@weft/testing';
import { createModelProvider } from './index.ts';
import { recordingClock, TARGETS } from './test-support/targets.ts';

const servers: LoopbackProvider[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe.each(TARGETS)('$name', (target) => {
  async function setup(script: (LoopbackReply | LoopbackReplyFn)[], options: { maxRetries?: number; prices?: Record<string, { input: number; output: number }> } = {}) {
    const reply = scriptedReplies(script);
    const server = await startLoopbackProvider({ provider: target.wire, reply });
    servers.push(server);
    const clock = recordingClock();
    const provider = createModelProvider({
      env: target.env(server),
      clock,
      ...(target.fetch ? { fetch: target.fetch(server) } : {}),
      ...options,
    });
    return { server, reply, clock, provider };
  }

  const ask = (content: string, extra: Partial<ModelRequest> = {}): ModelRequest => ({
    model: target.model,
    messages: [{ role: 'user', content }],
    ...extra,
  });

  it('answers plain text and sends the prompt, sampling settings and idempotency key', async () => {
    const { server, reply, provider } = await setup([{ text: 'Durable execution survives crashes.' }]);
    const response = await provider.generate(
      ask('Explain durable execution', { system: 'Be brief.', temperature: 0.2, maxOutputTokens: 200, idempotencyKey: 'run-1:step-a' }),
    );
    expect(response.text).toBe('Durable execution survives crashes.');
    expect(response.toolCalls).toEqual([]);
    expect(response.finishReason).toBe('stop');
    expect(response.model).toBe(target.model.replace(/^gemini:/, 'google:'));
    const seen = reply.calls[0];
    expect(seen?.system).toBe('Be brief.');
    expect(seen?.messages).toEqual([{ role: 'user', content: 'Explain durable execution' }]);
    expect(seen?.stream).toBe(false);
    expect(seen?.headers['idempotency-key']).toBe('run-1:step-a');
    expect(target.sampling(server.requests[0]?.body as Record<string, unknown>)).toEqual({ temperature: 0.2, maxTokens: 200 });
    reply.assertDone();
  });

  it('streams text deltas in order', async () => {
    const { reply, provider } = await setup([{ textChunks: ['Dur', 'able', ' exec', 'ution', '!'] }]);
    const deltas: string[] = [];
    const response = await provider.generate(ask('Say it'), { onTextDelta: (d) => deltas.push(d) });
    expect(deltas).toEqual(['Dur', 'able', ' exec', 'ution', '!']);
    expect(response.text).toBe('Durable execution!');
    expect(response.finishReason).toBe('stop');
    expect(reply.calls[0]?.stream).toBe(true);
  });

  describe.each([false, true])('tool calls (streaming: %s)', (stream) => {
    const generate = (provider: ReturnType<typeof createModelProvider>, request: ModelRequest) =>
      provider.generate(request, stream ? { onTextDelta: () => {} } : {});
    const weatherTool = {
      name: 'get_weather',
      description: 'Current weather in a city',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    };

    it('returns a tool call with its input', async () => {
      const { reply, provider } = await setup([{ toolCalls: [{ name: 'get_weather', input: { city: 'Paris' } }] }]);
      const response = await generate(provider, ask('Weather in Paris?', { tools: [weatherTool] }));
      expect(response.finishReason).toBe('tool-calls');
      expect(response.toolCalls).toEqual([{ id: expect.any(String), name: 'get_weather', input: { city: 'Paris' } }]);
      expect(reply.calls[0]?.tools.map((t) => t.name)).toEqual(['get_weather']);
      expect(reply.calls[0]?.tools[0]?.description).toBe('Current weather in a city');
    });

    it('returns two tool calls from one turn, with distinct ids', async () => {
      const { provider } = await setup([
        {
          text: stream ? '' : undefined,
          toolCalls: [
            { name: 'get_weather', input: { city: 'Paris' } },
            { name: 'get_weather', input: { city: 'Oslo' } },
          ],
        },
      ]);
      const response = await generate(provider, ask('Paris and Oslo?', { tools: [weatherTool] }));
      expect(response.toolCalls.map((c) => c.input)).toEqual([{ city: 'Paris' }, { city: 'Oslo' }]);
      expect(new Set(response.toolCalls.map((c) => c.id)).size).toBe(2);
    });

    it('sends tool results back in a follow-up turn', async () => {
      const { reply, provider } = await setup([{ text: 'It is 21°C in Paris.' }]);
      const response = await generate(provider, {
        model: target.model,
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'Weather in Paris?' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }] },
          { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: { celsius: 21 } },
        ],
      });
      expect(response.text).toBe('It is 21°C in Paris.');
      const messages = reply.calls[0]?.messages ?? [];
      expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
      expect(messages[1]?.toolCalls).toEqual([expect.objectContaining({ name: 'get_weather', input: { city: 'Paris' } })]);
      expect(messages[2]?.toolResults?.[0]?.content).toContain('21');
    });
  });

  it.each([false, true])('reports usage and cost (streaming: %s)', async (stream) => {
    const canonical = target.model.replace(/^gemini:/, 'google:');
    const { provider } = await setup([{ text: 'ok', usage: { inputTokens: 1000, outputTokens: 500 } }], {
      prices: { [canonical]: { input: 2, output: 10 } },
    });
    const response = await provider.generate(ask('Count'), stream ? { onTextDelta: () => {} } : {});
    expect(response.usage).toEqual({ inputTokens: 1000, outputTokens: 500, totalTokens: 1500, costUsd: expect.closeTo(0.007, 10) });
  });

  it('asks for JSON with the schema and returns the raw JSON text', async () => {
    const { server, provider } = await setup([{ text: '{"favouriteColour":"teal"}' }]);
    const schema = { type: 'object', properties: { favouriteColour: { type: 'string' } }, required: ['favouriteColour'], additionalProperties: false };
    const response = await provider.generate(ask('Pick a colour', { responseFormat: { type: 'json', schema, name: 'colour' } }));
    expect(JSON.parse(response.text)).toEqual({ favouriteColour: 'teal' });
    expect(JSON.stringify(server.requests[0]?.body)).toContain('favouriteColour');
  });

  it("surfaces the provider's error message and status, without retrying a 400", async () => {
    const { server, provider } = await setup([{ error: { status: 400, message: 'Unsupported value: temperature 9 is too high' } }]);
    const error = await provider.generate(ask('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', status: 400, retryable: false });
    expect((error as Error).message).toContain('Unsupported value: temperature 9 is too high');
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 429 after the Retry-After delay, then succeeds', async () => {
    const { server, clock, provider } = await setup([
      { error: { status: 429, message: 'Rate limit reached', headers: { 'retry-after': '3' } } },
      { text: 'second time lucky' },
    ]);
    const response = await provider.generate(ask('x'));
    expect(response.text).toBe('second time lucky');
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });

  it('gives up on a persistent 5xx after maxRetries, as a retryable error', async () => {
    const boom = { error: { status: 503, message: 'The server is overloaded' } };
    const { server, clock, provider } = await setup([boom, boom, boom], { maxRetries: 2 });
    const error = await provider.generate(ask('x')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', status: 503, retryable: true });
    expect((error as Error).message).toContain('The server is overloaded');
    expect(server.requests).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
  });

  it('rejects promptly with the abort reason when cancelled mid-stream', async () => {
    const chunks = Array.from({ length: 50 }, (_, i) => `w${i} `);
    const { provider } = await setup([{ textChunks: chunks, chunkDelayMs: 100 }]);
    const controller = new AbortController();
    const reason = new Error('cancelled by test');
    const deltas: string[] = [];
    const started = Date.now();
    const error = await provider
      .generate(ask('long answer'), {
        signal: controller.signal,
        onTextDelta: (d) => {
          deltas.push(d);
          if (deltas.length === 1) controller.abort(reason);
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(deltas.length).toBeLessThan(chunks.length);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rejects promptly with the abort reason when cancelled before a non-streamed answer', async () => {
    const { provider } = await setup([{ text: 'too late', delayMs: 5_000 }]);
    const controller = new AbortController();
    const reason = new Error('step timed out');
    setTimeout(() => controller.abort(reason), 50);
    const started = Date.now();
    await expect(provider.generate(ask('x'), { signal: controller.signal })).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("passes an exception from the caller's delta callback through untouched", async () => {
    const { server, provider } = await setup([{ textChunks: ['a', 'b', 'c'] }]);
    const mine = new Error('listener broke');
    const error = await provider
      .generate(ask('x'), {
        onTextDelta: () => {
          throw mine;
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBe(mine);
    expect(server.requests).toHaveLength(1);
  });

  it.skipIf(target.wire === 'ollama')('points at the API key setting on a 401', async () => {
    const { provider } = await setup([{ error: { status: 401, message: 'Incorrect API key provided' } }]);
    const error = await provider.generate(ask('x')).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect((error as Error).message).toMatch(/Incorrect API key provided.*Check [A-Z_]+_API_KEY/);
  });

  it('reports connection refused as PROVIDER_UNAVAILABLE with how to configure a provider', async () => {
    const server = await startLoopbackProvider({ provider: target.wire, reply: () => ({ text: 'unused' }) });
    await server.close(); // nothing listens on this port any more
    const provider = createModelProvider({
      env: target.env(server),
      clock: recordingClock(),
      ...(target.fetch ? { fetch: target.fetch(server) } : {}),
    });
    const error = await provider.generate(ask('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false });
    const message = (error as Error).message;
    expect(message).toContain('connection refused');
    for (const setting of ['WEFT_MODEL=openai:gpt-4o-mini', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'ANTHROPIC_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY', 'OLLAMA_BASE_URL']) {
      expect(message).toContain(setting);
    }
  });
});

describe('Ollama specifics', () => {
  it('says how to pull a model the server does not have', async () => {
    const server = await startLoopbackProvider({
      provider: 'ollama',
      reply: () => ({ error: { status: 404, message: "model 'qwen3:8b' not found" } }),
    });
    servers.push(server);
    const provider = createModelProvider({ env: { OLLAMA_BASE_URL: server.origin.replace('http://', '') } });
    const error = await provider.generate({ model: 'ollama:qwen3:8b', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect((error as Error).message).toContain("model 'qwen3:8b' not found");
    expect((error as Error).message).toContain('ollama pull qwen3:8b');
    expect(server.requests[0]?.path).toBe('/api/chat');
  });
});
