import { afterEach, describe, expect, it } from 'vitest';
import { constantReply, lastUserText, scriptedReplies, startLoopbackProvider } from '../index.ts';
import type { LoopbackProvider, LoopbackProviderKind } from '../index.ts';

const servers: LoopbackProvider[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(provider: LoopbackProviderKind, reply: Parameters<typeof startLoopbackProvider>[0]['reply']) {
  const server = await startLoopbackProvider({ provider, reply });
  servers.push(server);
  return server;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('startLoopbackProvider', () => {
  it('listens on 127.0.0.1 and gives the base URL each SDK expects', async () => {
    const expected: Record<LoopbackProviderKind, string> = { openai: '/v1', anthropic: '/v1', gemini: '/v1beta', google: '/v1beta', ollama: '/api' };
    for (const [provider, suffix] of Object.entries(expected)) {
      const server = await start(provider as LoopbackProviderKind, constantReply({ text: 'x' }));
      expect(server.url).toBe(`http://127.0.0.1:${server.port}${suffix}`);
      expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    }
  });

  it('logs method, path, headers, parsed body, time and the normalized request', async () => {
    const server = await start('openai', constantReply({ text: 'hi' }));
    const before = Date.now();
    const res = await post(`${server.url}/chat/completions`, { model: 'm', messages: [{ role: 'user', content: 'hello' }] }, { authorization: 'Bearer k' });
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toBe('hi');
    const logged = server.requests[0];
    expect(logged).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: { model: 'm' } });
    expect(logged?.headers.authorization).toBe('Bearer k');
    expect(logged?.time).toBeGreaterThanOrEqual(before);
    expect(logged?.request && lastUserText(logged.request)).toBe('hello');
  });

  it.each([
    ['openai', '/v1/chat/completions', { error: { message: 'slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } }],
    ['anthropic', '/v1/messages', { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }],
    ['gemini', '/v1beta/models/g:generateContent', { error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' } }],
    ['ollama', '/api/chat', { error: 'slow down' }],
  ] as const)('answers errors in the %s error shape, with headers', async (provider, path, expected) => {
    const server = await start(provider, constantReply({ error: { status: 429, message: 'slow down', headers: { 'retry-after': '7' } } }));
    const res = await post(server.origin + path, { model: 'm', max_tokens: 5, messages: [], contents: [] });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual(expected);
  });

  it('answers an unknown route with 404 in the provider error shape', async () => {
    const server = await start('anthropic', constantReply({ text: 'x' }));
    const res = await post(`${server.origin}/v1/complete`, {});
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('streams Ollama NDJSON by default and serves its OpenAI-compatible endpoint too', async () => {
    const server = await start('ollama', constantReply({ text: 'a b' }));
    const ndjson = await (await post(`${server.url}/chat`, { model: 'llama3.2', messages: [{ role: 'user', content: 'q' }] })).text();
    const lines = ndjson.trim().split('\n').map((l) => JSON.parse(l) as { message: { content: string }; done: boolean });
    expect(lines.map((l) => l.message.content).join('')).toBe('a b');
    expect(lines.at(-1)?.done).toBe(true);
    const res = await post(`${server.origin}/v1/chat/completions`, { model: 'llama3.2', messages: [{ role: 'user', content: 'q' }] });
    expect(((await res.json()) as { object: string }).object).toBe('chat.completion');
  });

  it('closes promptly while a slow stream is still open', async () => {
    const server = await start('openai', constantReply({ textChunks: ['a', 'b', 'c'], chunkDelayMs: 60_000 }));
    const res = await post(`${server.url}/chat/completions`, { model: 'm', stream: true, messages: [] });
    expect(res.status).toBe(200);
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(res.text()).rejects.toThrow();
  });

  it('waits delayMs before answering', async () => {
    const server = await start('gemini', constantReply({ text: 'late', delayMs: 150 }));
    const started = Date.now();
    await post(`${server.url}/models/g:generateContent`, { contents: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('scriptedReplies', () => {
  it('answers in order, then fails an extra call with a clear 500', async () => {
    const script = scriptedReplies([{ text: 'one' }, (req) => ({ text: `echo ${lastUserText(req)}` })]);
    const server = await start('anthropic', script);
    const ask = (content: string) => post(`${server.url}/messages`, { model: 'c', max_tokens: 10, messages: [{ role: 'user', content }] });
    const texts: string[] = [];
    for (const q of ['a', 'b']) texts.push(((await (await ask(q)).json()) as { content: { text: string }[] }).content[0]?.text ?? '');
    expect(texts).toEqual(['one', 'echo b']);
    expect(script.remaining()).toBe(0);
    script.assertDone();
    const extra = await ask('c');
    expect(extra.status).toBe(500);
    expect(((await extra.json()) as { error: { message: string } }).error.message).toMatch(/script exhausted: unexpected call #3 .*"c"/);
    expect(() => script.assertDone()).toThrow(/1 unexpected extra call/);
  });

  it('reports unused replies', () => {
    expect(() => scriptedReplies([{ text: 'never asked' }]).assertDone()).toThrow(/1 unused reply/);
  });
});
