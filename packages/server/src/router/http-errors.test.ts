import { afterEach, describe, expect, it } from 'vitest';
import { createWorkflow, startHarness, workflows, type Harness } from '../test-support/harness.ts';

let h: Harness;
afterEach(() => h.close());

describe('request bodies', () => {
  it('answers 413 past the limit, by Content-Length or by counting a streamed body', async () => {
    h = await startHarness({ config: { bodyLimitBytes: 1000 } });
    const big = JSON.stringify({ name: 'x'.repeat(2000), nodes: [] });
    const declared = await h.call('POST', '/api/workflows', { raw: big });
    expect(declared.status).toBe(413);
    expect(declared.json.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', path: 'body' });

    const chunks = [new TextEncoder().encode(big.slice(0, 600)), new TextEncoder().encode(big.slice(600))];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await h.server.fetch(
      new Request('http://weft.test/api/workflows', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
  });

  it('answers 415 for a media type the route does not take', async () => {
    h = await startHarness();
    const id = await createWorkflow(h, workflows.chain());
    const text = await h.call('POST', `/api/workflows/${id}/runs`, { raw: '{}', contentType: 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.json.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', path: 'headers.content-type' });
    // YAML is for workflow definitions only.
    expect((await h.call('POST', `/api/workflows/${id}/runs`, { raw: 'input: 1', contentType: 'application/yaml' })).status).toBe(415);
    const missing = await h.server.fetch(new Request('http://weft.test/api/workflows', { method: 'POST', body: '{}' }));
    // A body without a Content-Type (fetch sets text/plain for strings) is refused too.
    expect(missing.status).toBe(415);
    expect((await h.call('POST', '/api/workflows', { raw: '{}', contentType: 'application/json; charset=utf-8' })).status).toBe(400);
  });

  it('answers 400 for JSON that does not parse or bytes that are not UTF-8', async () => {
    h = await startHarness();
    const broken = await h.call('POST', '/api/workflows', { raw: '{"name":' });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toMatchObject({ code: 'INVALID_REQUEST', path: 'body', message: expect.stringMatching(/not valid JSON/) });
    const latin1 = await h.server.fetch(
      new Request('http://weft.test/api/workflows', {
        method: 'POST',
        body: new Uint8Array([0x7b, 0xff, 0x7d]),
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(latin1.status).toBe(400);
  });
});

describe('routing', () => {
  it('answers JSON 404s for unknown paths and methods', async () => {
    h = await startHarness();
    const unknown = await h.call('GET', '/api/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({ code: 'NOT_FOUND', message: 'No route GET /api/nope' });
    expect((await h.call('PATCH', '/api/runs')).status).toBe(404);
  });
});

describe('CORS', () => {
  it('allows only the configured origins, preflight included', async () => {
    h = await startHarness({ config: { cors: ['https://app.example'] } });
    const preflight = await h.server.fetch(
      new Request('http://weft.test/api/runs', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const allowed = await h.call('GET', '/api/runs', { headers: { origin: 'https://app.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await h.call('GET', '/api/runs', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS headers when none are configured', async () => {
    h = await startHarness();
    const response = await h.call('GET', '/api/runs', { headers: { origin: 'https://app.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
