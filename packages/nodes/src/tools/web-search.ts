import { z } from 'zod';
import { WeftError } from '@weft/engine';
import type { EgressResponse } from '../egress/index.ts';
import { defineTool, type Tool, type ToolContext } from './define-tool.ts';

/** Search APIs `web_search` can use. */
export type WebSearchProvider = 'searxng' | 'brave' | 'tavily';

/** How `web_search` reaches its search API (library option `webSearch`). */
export interface WebSearchOptions {
  provider: WebSearchProvider;
  /** SearXNG: the instance's base URL (required). Brave, Tavily: overrides the API origin (tests, proxies). */
  baseUrl?: string;
  /** Name of the credential holding the API key (Brave, Tavily). */
  credential?: string;
  /** Most results returned (default 8). */
  maxResults?: number;
}

/** One search hit as the model sees it. */
export interface SearchResult {
  title: string;
  url: string;
  snippet: string;
}

const DEFAULT_BASE: Record<WebSearchProvider, string | undefined> = {
  searxng: undefined,
  brave: 'https://api.search.brave.com',
  tavily: 'https://api.tavily.com',
};
const SNIPPET_CHARS = 500;

const searxngBody = z.object({
  results: z
    .array(z.object({ title: z.string().default(''), url: z.string(), content: z.string().optional() }))
    .default([]),
});
const braveBody = z.object({
  web: z
    .object({
      results: z
        .array(
          z.object({ title: z.string().default(''), url: z.string(), description: z.string().optional() }),
        )
        .default([]),
    })
    .optional(),
});
const tavilyBody = z.object({
  results: z
    .array(z.object({ title: z.string().default(''), url: z.string(), content: z.string().optional() }))
    .default([]),
});

/**
 * `web_search`: queries the configured search API (SearXNG, Brave or Tavily) through the egress
 * client and returns `{ results: [{ title, url, snippet }] }`, capped.
 * @example createWebSearchTool({ provider: 'brave', credential: 'brave' })
 */
export function createWebSearchTool(options: WebSearchOptions): Tool {
  const base = (options.baseUrl ?? DEFAULT_BASE[options.provider])?.replace(/\/+$/, '');
  if (base === undefined) {
    throw new WeftError(
      'INVALID_PARAMS',
      `web_search with provider '${options.provider}' needs a baseUrl (WEFT_SEARCH_URL).`,
    );
  }
  const limit = options.maxResults ?? 8;
  return defineTool({
    name: 'web_search',
    description: `Search the web and return up to ${limit} results, each with title, url and snippet. Follow up with http_fetch to read a page.`,
    input: z.object({
      query: z.string().min(1).max(400).describe('What to search for.'),
      count: z
        .number()
        .int()
        .min(1)
        .max(limit)
        .optional()
        .describe(`How many results (default and most ${limit}).`),
    }),
    async run({ query, count = limit }, ctx) {
      const results = await search({ options, base, query, count, ctx });
      return { results: results.slice(0, count).map((r) => ({ ...r })) };
    },
  });
}

async function search(args: {
  options: WebSearchOptions;
  base: string;
  query: string;
  count: number;
  ctx: ToolContext;
}): Promise<SearchResult[]> {
  const { options, base, query, count, ctx } = args;
  const accept = { accept: 'application/json' };
  switch (options.provider) {
    case 'searxng': {
      const url = `${base}/search?${new URLSearchParams({ q: query, format: 'json' })}`;
      const body = parse(await ctx.egress.request({ url, headers: accept, signal: ctx.signal }), searxngBody);
      return body.results.map((r) => hit(r.title, r.url, r.content));
    }
    case 'brave': {
      const key = await apiKey(options, ctx);
      const url = `${base}/res/v1/web/search?${new URLSearchParams({ q: query, count: String(count) })}`;
      const headers = { ...accept, 'x-subscription-token': key };
      const body = parse(await ctx.egress.request({ url, headers, signal: ctx.signal }), braveBody);
      return (body.web?.results ?? []).map((r) => hit(r.title, r.url, r.description));
    }
    case 'tavily': {
      const key = await apiKey(options, ctx);
      const response = await ctx.egress.request({
        url: `${base}/search`,
        method: 'POST',
        headers: { ...accept, 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ api_key: key, query, max_results: count }),
        signal: ctx.signal,
      });
      return parse(response, tavilyBody).results.map((r) => hit(r.title, r.url, r.content));
    }
  }
}

function hit(title: string, url: string, snippet = ''): SearchResult {
  // Brave marks matches with <strong>; the model needs plain text.
  const plain = snippet
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { title, url, snippet: plain.length > SNIPPET_CHARS ? `${plain.slice(0, SNIPPET_CHARS)}…` : plain };
}

async function apiKey(options: WebSearchOptions, ctx: ToolContext): Promise<string> {
  if (!options.credential) {
    throw new WeftError(
      'INVALID_PARAMS',
      `web_search (${options.provider}) needs a credential name (WEFT_SEARCH_CREDENTIAL).`,
    );
  }
  const secret = await ctx.secrets?.resolve(options.credential);
  const key =
    typeof secret === 'string' ? secret : (secret?.['apiKey'] ?? secret?.['api_key'] ?? secret?.['token']);
  if (!key)
    throw new WeftError('INVALID_PARAMS', `web_search: credential '${options.credential}' is not set.`);
  return key;
}

function parse<S extends z.ZodType>(response: EgressResponse, schema: S): z.output<S> {
  if (response.status < 200 || response.status > 299) {
    const detail = response.text().slice(0, 200);
    throw new WeftError('NODE_FAILED', `web_search: the search API answered ${response.status}: ${detail}`, {
      retryable: response.status === 429 || response.status >= 500,
    });
  }
  let body: unknown;
  try {
    body = response.json();
  } catch {
    const type = response.headers['content-type'] ?? 'no content type';
    throw new WeftError(
      'NODE_FAILED',
      `web_search: the search API did not answer JSON (${type}); is the URL right?`,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new WeftError(
      'NODE_FAILED',
      `web_search: unexpected response from the search API: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}
