import { describe, expect, it } from 'vitest';
import { resolveEmbeddingModel } from './index.ts';
import { splitBatches } from './embedding-model.ts';

describe('resolveEmbeddingModel', () => {
  it.each([
    { name: 'WEFT_EMBEDDING_MODEL wins', env: { WEFT_EMBEDDING_MODEL: 'gemini:gemini-embedding-001', WEFT_MODEL: 'openai:gpt-4o' }, expected: 'google:gemini-embedding-001' },
    { name: "the chat model's provider default", env: { WEFT_MODEL: 'google:gemini-2.5-flash' }, expected: 'google:text-embedding-004' },
    { name: 'OpenAI for an OpenAI chat model', env: { WEFT_MODEL: 'openai:gpt-4o-mini' }, expected: 'openai:text-embedding-3-small' },
    { name: 'Ollama for an Ollama chat model', env: { WEFT_MODEL: 'ollama:llama3.2' }, expected: 'ollama:nomic-embed-text' },
    { name: 'a configured OpenAI when the chat model has no embeddings', env: { WEFT_MODEL: 'anthropic:claude-sonnet-4-5', OPENAI_API_KEY: 'k' }, expected: 'openai:text-embedding-3-small' },
    { name: 'a configured Gemini next', env: { WEFT_MODEL: 'anthropic:claude-sonnet-4-5', GOOGLE_GENERATIVE_AI_API_KEY: 'k' }, expected: 'google:text-embedding-004' },
    { name: 'Ollama when nothing is configured', env: {}, expected: 'ollama:nomic-embed-text' },
  ])('$name', ({ env, expected }) => {
    expect(resolveEmbeddingModel(env)).toBe(expected);
  });

  it('takes the chat model as an argument', () => {
    expect(resolveEmbeddingModel({}, 'gemini:gemini-2.5-pro')).toBe('google:text-embedding-004');
  });

  it('refuses a WEFT_EMBEDDING_MODEL whose provider has no embeddings, naming the setting', () => {
    expect(() => resolveEmbeddingModel({ WEFT_EMBEDDING_MODEL: 'anthropic:claude-x' })).toThrow(/Anthropic has no embeddings API.*from WEFT_EMBEDDING_MODEL/);
    expect(() => resolveEmbeddingModel({ WEFT_EMBEDDING_MODEL: 'nomic-embed-text' })).toThrow(/provider:model/);
  });
});

describe('splitBatches', () => {
  it('cuts by count and by bytes, keeps order, and sends an oversized value alone', () => {
    expect(splitBatches(['a', 'b', 'c'], { maxValuesPerCall: 2 })).toEqual([['a', 'b'], ['c']]);
    expect(splitBatches(['aaaa', 'bb', 'cc', 'dddddd', 'e'], { maxValuesPerCall: 10, maxBytesPerCall: 4 })).toEqual([['aaaa'], ['bb', 'cc'], ['dddddd'], ['e']]);
    expect(splitBatches(['é'], { maxValuesPerCall: 1, maxBytesPerCall: 1 })).toEqual([['é']]);
    expect(splitBatches([], { maxValuesPerCall: 1 })).toEqual([]);
  });
});
