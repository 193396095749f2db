import { describe, expect, it } from 'vitest';
import { WeftError } from '@weft/engine';
import { createModelProvider, DEFAULT_MODEL, parseModelRef, resolveDefaultModel } from './index.ts';

describe('parseModelRef', () => {
  it.each([
    ['openai:gpt-4o-mini', 'openai', 'gpt-4o-mini', 'openai:gpt-4o-mini'],
    ['anthropic:claude-sonnet-4-5', 'anthropic', 'claude-sonnet-4-5', 'anthropic:claude-sonnet-4-5'],
    ['gemini:gemini-2.5-flash', 'google', 'gemini-2.5-flash', 'google:gemini-2.5-flash'],
    ['Google:gemini-2.5-pro', 'google', 'gemini-2.5-pro', 'google:gemini-2.5-pro'],
    ['ollama:llama3.2:3b', 'ollama', 'llama3.2:3b', 'ollama:llama3.2:3b'],
    [' openai:qwen/qwen3-32b ', 'openai', 'qwen/qwen3-32b', 'openai:qwen/qwen3-32b'],
  ])('parses %s', (ref, provider, modelId, canonical) => {
    expect(parseModelRef(ref)).toEqual({ provider, modelId, canonical });
  });

  it('names the known providers when the provider is unknown', () => {
    const error = (() => {
      try {
        parseModelRef('mistral:large');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WeftError);
    expect(error).toMatchObject({ code: 'INVALID_PARAMS' });
    expect((error as Error).message).toMatch(/Unknown model provider "mistral".*openai, anthropic, google, ollama/);
  });

  it.each(['gpt-4o', ':gpt-4o', ''])('asks for provider:model when given %j', (ref) => {
    expect(() => parseModelRef(ref)).toThrow(/must be written as provider:model/);
  });

  it('rejects a reference without a model id', () => {
    expect(() => parseModelRef('openai:')).toThrow(/names no model.*openai:gpt-4o-mini/);
  });
});

describe('resolveDefaultModel', () => {
  it('uses WEFT_MODEL when set', () => {
    expect(resolveDefaultModel({ WEFT_MODEL: 'openai:gpt-4o-mini' })).toBe('openai:gpt-4o-mini');
  });
  it('prefers WEFT_MODEL over the workflow default, and the workflow default over the built-in one', () => {
    expect(resolveDefaultModel({ WEFT_MODEL: 'anthropic:claude-haiku-4-5' }, 'openai:gpt-4o')).toBe('anthropic:claude-haiku-4-5');
    expect(resolveDefaultModel({}, 'openai:gpt-4o')).toBe('openai:gpt-4o');
  });
  it('falls back to the documented local default', () => {
    expect(resolveDefaultModel({ WEFT_MODEL: '  ' })).toBe('ollama:llama3.2');
    expect(DEFAULT_MODEL).toBe('ollama:llama3.2');
  });
});

describe('createModelProvider configuration errors', () => {
  const neverFetch: typeof fetch = () => {
    throw new Error('no request may be sent');
  };

  it.each([
    ['openai:gpt-4o-mini', 'OPENAI_API_KEY'],
    ['anthropic:claude-sonnet-4-5', 'ANTHROPIC_API_KEY'],
    ['gemini:gemini-2.5-flash', 'GOOGLE_GENERATIVE_AI_API_KEY'],
  ])('refuses %s without %s, before any request, saying how to configure', async (model, envName) => {
    const provider = createModelProvider({ env: {}, fetch: neverFetch });
    const error = await provider.generate({ model, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: false });
    expect((error as Error).message).toContain(`${envName} is not set`);
    expect((error as Error).message).toContain('OLLAMA_BASE_URL');
  });

  it('rejects an unknown provider with the list of known ones', async () => {
    const provider = createModelProvider({ env: {}, fetch: neverFetch });
    await expect(provider.generate({ model: 'bedrock:claude', messages: [] })).rejects.toThrow(/Known providers: openai, anthropic, google/);
  });
});
