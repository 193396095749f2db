import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EgressBlockedError } from '@weft/engine';
import { createEgressClient } from '../egress/index.ts';
import type { EgressClient } from '../egress/index.ts';
import { startLoopbackServer } from '../egress/test-support.ts';
import type { LoopbackServer } from '../egress/test-support.ts';
import { invokeTool, ToolInputError } from './define-tool.ts';
import type { ToolContext } from './define-tool.ts';
import { httpFetchTool } from './http-fetch.ts';

const PAGE = `<!doctype html><html><head><title>Weft &amp; friends</title><style>body{color:red}</style>
<script>window.secret = 1</script></head><body>
<nav><a href="/home">Home</a> | <a href="/about">About</a></nav>
<h1>Durable execution</h1>
<p>Steps are committed before successors start. See <a href="/docs/retries">the retry guide</a>
or <a href="https://example.com/">https://example.com/</a>.</p>
<img src="diagram.png" alt="diagram"><noscript>Enable JS</noscript>
<ul><li>retry</li><li>resume</li></ul>
</body></html>`;

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer((request, response) => {
    const routes: Record<string, [string, string | Buffer]> = {
      '/page': ['text/html; charset=utf-8', PAGE],
      '/sniffed': ['', '<!DOCTYPE html><html><body><p>no header</p></body></html>'],
      '/meta-charset': [
        'text/html',
        Buffer.concat([
          Buffer.from('<html><head><meta charset="iso-8859-1"></head><body>caf'),
          Buffer.from([0xe9]),
          Buffer.from('</body></html>'),
        ]),
      ],
      '/json': ['application/json', '{"items":[1,2,3]}'],
      '/text': ['text/plain', 'x'.repeat(10_000)],
      '/binary': ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])],
    };
    const route = routes[request.url ?? ''];
    if (!route) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
    response.writeHead(200, route[0] ? { 'content-type': route[0] } : {}).end(route[1]);
  });
});
afterAll(() => server.close());

function context(egress: EgressClient): ToolContext {
  return { signal: new AbortController().signal, egress };
}
const allowed = () => context(createEgressClient({ allow: [`127.0.0.1:${server.port}`] }));

describe('http_fetch', () => {
  it('turns HTML into readable text with a title and compact links', async () => {
    const result = (await invokeTool(httpFetchTool, { url: `${server.origin}/page` }, allowed())) as Record<
      string,
      unknown
    >;
    expect(result).toMatchObject({
      url: `${server.origin}/page`,
      status: 200,
      contentType: 'text/html; charset=utf-8',
      title: 'Weft & friends',
      truncated: false,
    });
    const text = result.text as string;
    expect(text).toContain('Durable execution');
    expect(text).toContain(`the retry guide (${server.origin}/docs/retries)`);
    expect(text).toContain('https://example.com/');
    expect(text).not.toContain('https://example.com/ (');
    expect(text).toContain('retry');
    for (const hidden of ['window.secret', 'color:red', 'Home', 'diagram', 'Enable JS'])
      expect(text).not.toContain(hidden);
  });

  it('recognises unlabelled HTML and honours a <meta> charset', async () => {
    const sniffed = (await invokeTool(
      httpFetchTool,
      { url: `${server.origin}/sniffed` },
      allowed(),
    )) as Record<string, unknown>;
    expect(sniffed.text).toBe('no header');
    const latin = (await invokeTool(
      httpFetchTool,
      { url: `${server.origin}/meta-charset` },
      allowed(),
    )) as Record<string, unknown>;
    expect(latin.text).toBe('café');
  });

  it('passes JSON through and describes binary content', async () => {
    expect(await invokeTool(httpFetchTool, { url: `${server.origin}/json` }, allowed())).toMatchObject({
      text: '{"items":[1,2,3]}',
    });
    expect(await invokeTool(httpFetchTool, { url: `${server.origin}/binary` }, allowed())).toMatchObject({
      text: '[image/png content, 7 bytes, not shown]',
    });
  });

  it('truncates to maxChars and says so', async () => {
    const result = (await invokeTool(
      httpFetchTool,
      { url: `${server.origin}/text`, maxChars: 1000 },
      allowed(),
    )) as Record<string, unknown>;
    expect(result.truncated).toBe(true);
    expect(result.text).toMatch(/^x{1000}\n\n\[Truncated: showing the first 1000 of 10000 characters/);
    const whole = (await invokeTool(
      httpFetchTool,
      { url: `${server.origin}/text`, maxChars: 20_000 },
      allowed(),
    )) as Record<string, unknown>;
    expect(whole).toMatchObject({ truncated: false, text: 'x'.repeat(10_000) });
    const byDefault = (await invokeTool(
      httpFetchTool,
      { url: `${server.origin}/text` },
      allowed(),
    )) as Record<string, unknown>;
    expect((byDefault.text as string).startsWith('x'.repeat(8000) + '\n\n[Truncated')).toBe(true);
  });

  it('returns error statuses rather than throwing', async () => {
    expect(await invokeTool(httpFetchTool, { url: `${server.origin}/missing` }, allowed())).toMatchObject({
      status: 404,
      text: 'no such page',
    });
  });

  it('is refused on loopback without an allowlist entry, before connecting', async () => {
    const before = server.connections;
    await expect(
      invokeTool(httpFetchTool, { url: `${server.origin}/page` }, context(createEgressClient())),
    ).rejects.toThrow(EgressBlockedError);
    await expect(
      invokeTool(
        httpFetchTool,
        { url: 'http://169.254.169.254/latest/meta-data/' },
        context(createEgressClient()),
      ),
    ).rejects.toThrow(/cloud metadata/);
    expect(server.connections).toBe(before);
  });

  it('rejects bad arguments with a message the model can act on', async () => {
    await expect(invokeTool(httpFetchTool, { url: 'file:///etc/passwd' }, allowed())).rejects.toThrow(
      ToolInputError,
    );
    await expect(invokeTool(httpFetchTool, { url: 'not a url' }, allowed())).rejects.toThrow(
      /Invalid arguments for tool "http_fetch"[\s\S]*url/,
    );
    await expect(
      invokeTool(httpFetchTool, { url: `${server.origin}/page`, maxChars: 5 }, allowed()),
    ).rejects.toThrow(/maxChars/);
  });
});
