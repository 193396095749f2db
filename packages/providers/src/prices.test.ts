import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLoopbackProvider } from '@weft/testing';
import { costOf, createModelProvider, DEFAULT_PRICES, findPrice, loadPriceFile } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'weft-prices-'));

describe('findPrice', () => {
  const table = { 'openai:gpt-4o': { input: 2.5, output: 10 }, 'openai:gpt-4o-mini': { input: 0.15, output: 0.6 }, 'ollama:*': { input: 0, output: 0 } };

  it.each([
    ['openai:gpt-4o', 2.5],
    ['openai:gpt-4o-2024-08-06', 2.5],
    ['openai:gpt-4o-mini-2024-07-18', 0.15],
    ['ollama:qwen3:8b', 0],
  ])('prices %s', (model, input) => {
    expect(findPrice(table, model)?.input).toBe(input);
  });

  it('knows nothing of unlisted models', () => {
    expect(findPrice(table, 'openai:gpt-4oo')).toBeUndefined();
    expect(findPrice(table, 'anthropic:claude-x')).toBeUndefined();
  });

  it('has the common models built in', () => {
    expect(findPrice(DEFAULT_PRICES, 'anthropic:claude-sonnet-4-5-20250929')).toEqual({ input: 3, output: 15 });
    expect(findPrice(DEFAULT_PRICES, 'google:gemini-2.5-flash-lite')).toEqual({ input: 0.1, output: 0.4 });
  });

  it('computes cost per million tokens', () => {
    expect(costOf({ input: 3, output: 15 }, { inputTokens: 2000, outputTokens: 1000 })).toBeCloseTo(0.021, 10);
  });
});

describe('loadPriceFile', () => {
  it('reads a valid file', () => {
    const path = join(dir, 'ok.json');
    writeFileSync(path, JSON.stringify({ 'openai:my-model': { input: 1, output: 2 } }));
    expect(loadPriceFile(path)).toEqual({ 'openai:my-model': { input: 1, output: 2 } });
  });

  it('says what is wrong and where', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ 'openai:my-model': { input: -1, output: 2 }, nocolon: { input: 1, output: 1 } }));
    expect(() => loadPriceFile(path)).toThrow(/invalid:[\s\S]*openai:my-model\.input[\s\S]*nocolon/);
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadPriceFile(join(dir, 'missing.json'))).toThrow(/Cannot read the price file .*missing\.json \(WEFT_PRICES\)/);
  });
});

describe('WEFT_PRICES', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));

  it('extends the built-in table from a JSON file', async () => {
    const server = await startLoopbackProvider({ provider: 'openai', reply: () => ({ text: 'ok', usage: { inputTokens: 1_000_000, outputTokens: 0 } }) });
    servers.push(server);
    const path = join(dir, 'custom.json');
    writeFileSync(path, JSON.stringify({ 'openai:house-model': { input: 4, output: 8 } }));
    const provider = createModelProvider({ env: { OPENAI_BASE_URL: server.url, WEFT_PRICES: path } });
    const response = await provider.generate({ model: 'openai:house-model', messages: [{ role: 'user', content: 'hi' }] });
    expect(response.usage.costUsd).toBe(4);
  });
});
