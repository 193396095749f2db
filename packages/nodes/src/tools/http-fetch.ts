import { z } from 'zod';
import { redactUrl } from '../egress/index.ts';
import { defineTool } from './define-tool.ts';
import { pageText } from './page-text.ts';
import { truncateText } from './truncate.ts';

/** Characters of page text returned when the model does not ask for a length. */
export const DEFAULT_FETCH_MAX_CHARS = 8000;

const ACCEPT = 'text/html,application/xhtml+xml,application/json;q=0.9,text/plain;q=0.9,*/*;q=0.5';

/**
 * `http_fetch`: GETs a URL through the egress client (so private and loopback addresses are
 * refused unless allow-listed) and returns readable text: HTML rendered to text, text and JSON
 * as they are, cut to `maxChars`.
 */
export const httpFetchTool = defineTool({
  name: 'http_fetch',
  description:
    'Fetch a public web page or HTTP API with GET and return its readable text (HTML is converted to text with links in parentheses; JSON and plain text are returned as-is). ' +
    `Long pages are truncated to maxChars (default ${DEFAULT_FETCH_MAX_CHARS}). Non-2xx statuses are returned, not thrown.`,
  input: z.object({
    url: z.url({ protocol: /^https?$/ }).describe('Absolute http:// or https:// URL to fetch.'),
    maxChars: z
      .number()
      .int()
      .min(200)
      .max(100_000)
      .optional()
      .describe(`Longest text to return, in characters (default ${DEFAULT_FETCH_MAX_CHARS}).`),
  }),
  async run({ url, maxChars = DEFAULT_FETCH_MAX_CHARS }, ctx) {
    const response = await ctx.egress.request({ url, signal: ctx.signal, headers: { accept: ACCEPT } });
    const page = pageText(response);
    const { text, truncated } = truncateText(page.text, maxChars);
    ctx.logger?.debug('http_fetch', {
      url: redactUrl(new URL(response.url)),
      status: response.status,
      chars: page.text.length,
    });
    return {
      url: response.url,
      status: response.status,
      contentType: response.headers['content-type'] ?? null,
      ...(page.title === undefined ? {} : { title: page.title }),
      text,
      truncated,
    };
  },
});
