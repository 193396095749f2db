import { convert } from 'html-to-text';
import type { SelectorDefinition } from 'html-to-text';
import type { EgressResponse } from '../egress/index.ts';

/** What a fetched page reads as: text for a model, and the title when it is HTML. */
export interface PageText {
  title?: string;
  text: string;
}

// Parts of a page that carry no reading text for a model.
const SKIPPED = [
  'img',
  'picture',
  'svg',
  'video',
  'audio',
  'canvas',
  'iframe',
  'object',
  'embed',
  'nav',
  'noscript',
  'template',
  'script',
  'style',
];
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** Turns a response into readable text: HTML is rendered to text, text and JSON pass through. */
export function pageText(response: EgressResponse): PageText {
  const contentType = (response.headers['content-type'] ?? '').toLowerCase();
  if (isHtml(contentType, response.body)) {
    const html = decodeHtml(response, contentType);
    const title = htmlTitle(html);
    return { ...(title ? { title } : {}), text: htmlToReadableText(html, response.url) };
  }
  if (isTextual(contentType, response.body)) return { text: response.text() };
  return { text: `[${contentType || 'binary'} content, ${response.body.byteLength} bytes, not shown]` };
}

/** Renders HTML to plain text: no scripts, styles, navigation or images; links as `text (url)`. */
export function htmlToReadableText(html: string, baseUrl: string): string {
  const selectors: SelectorDefinition[] = [
    ...SKIPPED.map((selector) => ({ selector, format: 'skip' })),
    ...HEADINGS.map((selector) => ({ selector, options: { uppercase: false } })),
    {
      selector: 'a',
      options: {
        pathRewrite: (href: string) => absolute(href, baseUrl),
        hideLinkHrefIfSameAsText: true,
        noAnchorUrl: true,
        linkBrackets: ['(', ')'],
      },
    },
    { selector: 'a[href^="javascript:"]', format: 'anchor', options: { ignoreHref: true } },
  ];
  const text = convert(html, { wordwrap: false, selectors });
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// html-to-text's own `baseUrl` only prefixes root-relative paths; resolve like a browser does.
function absolute(href: string, baseUrl: string): string {
  try {
    return new URL(href, baseUrl).href;
  } catch {
    return href;
  }
}

function htmlTitle(html: string): string | undefined {
  const raw = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  if (!raw) return undefined;
  const title = convert(raw, { wordwrap: false }).replace(/\s+/g, ' ').trim();
  return title ? title.slice(0, 300) : undefined;
}

function isHtml(contentType: string, body: Uint8Array): boolean {
  if (contentType.includes('html')) return true;
  if (contentType && !contentType.startsWith('text/plain') && !contentType.includes('octet-stream'))
    return false;
  const start = new TextDecoder().decode(body.subarray(0, 512)).trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html');
}

const TEXTUAL = /^text\/|json|xml|javascript|ecmascript|yaml|csv|x-www-form-urlencoded|graphql|markdown/;

function isTextual(contentType: string, body: Uint8Array): boolean {
  if (TEXTUAL.test(contentType)) return true;
  if (contentType && !contentType.includes('octet-stream')) return false;
  // Unlabelled: call it text unless the first bytes hold a NUL, which text never does.
  return !body.subarray(0, 1024).includes(0);
}

// Pages often name their charset only in a <meta> tag; the header wins when it has one.
function decodeHtml(response: EgressResponse, contentType: string): string {
  if (/charset=/.test(contentType)) return response.text();
  const head = new TextDecoder('latin1').decode(response.body.subarray(0, 2048));
  const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  if (!charset) return response.text();
  try {
    return new TextDecoder(charset).decode(response.body);
  } catch {
    return response.text();
  }
}
