import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SecretResolver } from '@weft/engine';
import { createEgressClient } from '../egress/index.ts';
import { rejectionOf, startLoopbackServer, type LoopbackServer } from '../egress/test-support.ts';
import { invokeTool } from './define-tool.ts';
import { createWebSearchTool, type WebSearchOptions } from './web-search.ts';

// Response bodies in each API's real shape (trimmed to the fields that matter plus a few that do not).
const searxngBody = {
  query: 'tides',
  number_of_results: 2,
  results: [
    {
      url: 'https://example.org/tides',
      title: 'Tides',
      content: 'The moon pulls the sea.',
      engine: 'duckduckgo',
      score: 1.5,
    },
    { url: 'https://example.org/moon', title: 'Moon', engine: 'bing', score: 1 },
  ],
  answers: [],
  suggestions: [],
};
const braveBody = {
  type: 'search',
  query: { original: 'tides' },
  web: {
    type: 'search',
    results: [
      {
        title: 'Tides',
        url: 'https://example.org/tides',
        description: 'The <strong>moon</strong> pulls the sea.',
        type: 'search_result',
        age: '2 days ago',
      },
    ],
  },
};
const tavilyBody = {
  query: 'tides',
  answer: null,
  images: [],
  results: [
    {
      title: 'Tides',
      url: 'https://example.org/tides',
      content: 'The moon pulls the sea.',
      score: 0.9,
      raw_content: null,
    },
  ],
  response_time: 0.8,
};

const secrets: SecretResolver = {
  resolve: async (name) => ({ 'search-key': 'sk-test', 'search-obj': { apiKey: 'sk-obj' } })[name],
};

describe('web_search', () => {
  let server: LoopbackServer;
  let reply: { status: number; body: unknown } = { status: 200, body: {} };
  beforeAll(async () => {
    server = await startLoopbackServer((_request, response) => {
      response
        .writeHead(reply.status, { 'content-type': 'application/json' })
        .end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  async function search(
    options: Omit<WebSearchOptions, 'baseUrl'>,
    args: unknown,
    body: unknown,
    status = 200,
  ) {
    reply = { status, body };
    const egress = createEgressClient({ allow: [`127.0.0.1:${server.port}`] });
    const tool = createWebSearchTool({ ...options, baseUrl: server.origin });
    return invokeTool(tool, args, { signal: new AbortController().signal, egress, secrets });
  }

  it.each([
    {
      provider: 'searxng' as const,
      body: searxngBody,
      request: { method: 'GET', url: '/search?q=moon+tides&format=json' },
      results: [
        { title: 'Tides', url: 'https://example.org/tides', snippet: 'The moon pulls the sea.' },
        { title: 'Moon', url: 'https://example.org/moon', snippet: '' },
      ],
    },
    {
      provider: 'brave' as const,
      body: braveBody,
      request: { method: 'GET', url: '/res/v1/web/search?q=moon+tides&count=8' },
      results: [{ title: 'Tides', url: 'https://example.org/tides', snippet: 'The moon pulls the sea.' }],
    },
    {
      provider: 'tavily' as const,
      body: tavilyBody,
      request: { method: 'POST', url: '/search' },
      results: [{ title: 'Tides', url: 'https://example.org/tides', snippet: 'The moon pulls the sea.' }],
    },
  ])(
    '$provider: sends its API request and maps the results',
    async ({ provider, body, request, results }) => {
      const output = await search({ provider, credential: 'search-key' }, { query: 'moon tides' }, body);
      expect(output).toEqual({ results });
      expect(server.requests).toHaveLength(1);
      const seen = server.requests[0];
      expect(seen).toMatchObject(request);
      if (provider === 'brave') expect(seen?.headers['x-subscription-token']).toBe('sk-test');
      if (provider === 'tavily')
        expect(JSON.parse(seen?.body ?? '')).toEqual({
          api_key: 'sk-test',
          query: 'moon tides',
          max_results: 8,
        });
      if (provider === 'searxng') expect(seen?.headers['x-subscription-token']).toBeUndefined();
    },
  );

  it('caps the results at count, and reads an API key from a structured credential', async () => {
    const many = {
      results: Array.from({ length: 20 }, (_, i) => ({
        title: `T${i}`,
        url: `https://e.org/${i}`,
        content: 'x',
      })),
    };
    const output = (await search(
      { provider: 'tavily', credential: 'search-obj' },
      { query: 'q', count: 3 },
      many,
    )) as {
      results: unknown[];
    };
    expect(output.results).toHaveLength(3);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toMatchObject({ api_key: 'sk-obj', max_results: 3 });
  });

  it.each([
    {
      name: 'a missing credential name',
      options: { provider: 'brave' as const },
      error: /needs a credential name/,
    },
    {
      name: 'an unset credential',
      options: { provider: 'brave' as const, credential: 'nope' },
      error: /credential 'nope' is not set/,
    },
  ])('refuses $name without sending anything', async ({ options, error }) => {
    expect((await rejectionOf(search(options, { query: 'q' }, braveBody))).message).toMatch(error);
    expect(server.requests).toHaveLength(0);
  });

  it('reports an error status from the search API, retryable when rate limited', async () => {
    const failure = await rejectionOf(
      search({ provider: 'searxng' }, { query: 'q' }, { error: 'slow down' }, 429),
    );
    expect(failure.message).toMatch(/answered 429/);
    expect(failure.retryable).toBe(true);
  });

  it('says so when the search API does not answer JSON', async () => {
    const failure = await rejectionOf(search({ provider: 'searxng' }, { query: 'q' }, '<html>'));
    expect(failure.message).toMatch(/did not answer JSON/);
  });

  it('goes through the egress policy: a loopback API that is not allow-listed is never reached', async () => {
    const before = server.connections;
    const tool = createWebSearchTool({ provider: 'searxng', baseUrl: server.origin });
    const failure = await rejectionOf(
      invokeTool(
        tool,
        { query: 'q' },
        { signal: new AbortController().signal, egress: createEgressClient(), secrets },
      ),
    );
    expect(failure.message).toMatch(/^Egress blocked/);
    expect(server.connections).toBe(before);
  });

  it('needs a base URL for SearXNG', () => {
    expect(() => createWebSearchTool({ provider: 'searxng' })).toThrow(/needs a baseUrl/);
  });
});
