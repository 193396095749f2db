import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../test-support/harness.ts';

const BIG = Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i} * 2; // a line of a bundle\n`).join('');

describe('the web UI served at /', () => {
  let root: string;
  let h: Harness;
  let bare: Harness;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'weft-ui-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'app-def456.js'), BIG);
    writeFileSync(join(tmpdir(), 'weft-ui-secret.txt'), 'outside');
    h = await startHarness({ webRoot: root });
    bare = await startHarness({ webRoot: join(root, 'missing') });
  });
  afterAll(async () => {
    await h.close();
    await bare.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (server: Harness, path: string, method = 'GET', headers: Record<string, string> = {}) =>
    server.server.fetch(new Request(`http://weft.test${path}`, { method, headers }));

  it('serves index.html at / and at client-side routes, with a strict content security policy', async () => {
    for (const path of ['/', '/workflows', '/runs/run_1', '/workflows/wf_1?tab=yaml']) {
      const response = await get(h, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*connect-src 'self'/);
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with their type, cached for a year; HEAD has no body', async () => {
    const response = await get(h, '/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/javascript/);
    expect(response.headers.get('cache-control')).toMatch(/immutable/);
    expect(await response.text()).toBe('console.log(1)');
    const head = await get(h, '/assets/index-abc123.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('compresses text with brotli or gzip as the browser accepts, and leaves small files and refusals alone', async () => {
    const br = await get(h, '/assets/app-def456.js', 'GET', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('accept-encoding');
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get('content-length'))).toBe(brBody.byteLength);
    expect(brBody.byteLength).toBeLessThan(BIG.length / 4);
    expect(brotliDecompressSync(brBody).toString()).toBe(BIG);

    const gzip = await get(h, '/assets/app-def456.js', 'GET', { 'accept-encoding': 'gzip;q=1, br;q=0' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(BIG);

    const plain = await get(h, '/assets/app-def456.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(BIG);
    const small = await get(h, '/assets/index-abc123.js', 'GET', { 'accept-encoding': 'br' });
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  it('answers 404 JSON for a missing file and never serves anything outside its folder', async () => {
    for (const path of ['/assets/nope.js', '/../weft-ui-secret.txt', '/%2e%2e/weft-ui-secret.txt', '/assets/..%2f..%2fweft-ui-secret.txt', '/%00.js']) {
      const response = await get(h, path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('outside');
    }
  });

  it('leaves /api and /hooks to the API: an unknown API path is a JSON 404, not the app', async () => {
    const response = await get(h, '/api/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await get(h, '/api/health')).status).toBe(200);
  });

  it('explains how to build the UI when it is not built', async () => {
    const response = await get(bare, '/workflows');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:web');
  });
});
