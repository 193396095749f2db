import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, waitForStatus, type LiveServer } from './e2e-helpers.ts';

let dir: string;
let live: LiveServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-admin-'));
  live = await startLiveServer({ dbPath: join(dir, 'weft.db'), openaiUrl: 'http://127.0.0.1:9' });
});

afterAll(async () => {
  await live?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('artifacts over HTTP', () => {
  it('lists and downloads a file a run produced (folder store under the data folder)', async () => {
    await live.api('POST', '/api/workflows', { id: 'files', name: 'files', nodes: [{ id: 'a', type: 'transform', params: { value: 1 } }] });
    const runId = ((await live.api('POST', '/api/workflows/files/runs', {})).json['run'] as { id: string }).id;
    await waitForStatus(live, runId, 'succeeded');
    const data = new TextEncoder().encode('id,total\n1,15\n');
    const record = await live.artifacts.put({ runId, stepId: 'a', name: 'totals.csv', contentType: 'text/csv', createdAt: Date.now() }, data);
    expect((await live.api('GET', `/api/runs/${runId}/artifacts`)).json).toEqual({ artifacts: [record] });
    const download = await fetch(`${live.url}/api/runs/${runId}/artifacts/${record.id}`);
    expect(download.headers.get('content-type')).toBe('text/csv');
    expect(download.headers.get('content-length')).toBe(String(data.byteLength));
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="totals.csv"/);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(data);
    expect((await fetch(`${live.url}/api/runs/${runId}/artifacts/${'0'.repeat(32)}`)).status).toBe(404);
  });
});

describe('API tokens over HTTP', () => {
  it('creates, lists and deletes tokens; the API is locked from the first one on', async () => {
    const created = await live.api('POST', '/api/tokens', { name: 'ci' });
    expect(created.status).toBe(201);
    const token = created.json['token'] as string;
    const auth = { authorization: `Bearer ${token}` };
    expect((await live.api('GET', '/api/workflows')).status).toBe(401);
    expect((await live.api('GET', '/api/health')).status).toBe(200);
    const listed = await live.api('GET', '/api/tokens', undefined, auth);
    expect(listed.json['tokens']).toEqual([expect.objectContaining({ name: 'ci', prefix: token.slice(0, 12) })]);
    const id = (listed.json['tokens'] as { id: string }[])[0]?.id as string;
    const spare = (await live.api('POST', '/api/tokens', { name: 'spare' }, auth)).json['token'] as string;
    expect((await live.api('DELETE', `/api/tokens/${id}`, undefined, auth)).status).toBe(200);
    expect((await live.api('GET', '/api/workflows', undefined, auth)).status).toBe(401);
    expect((await live.api('GET', '/api/workflows', undefined, { authorization: `Bearer ${spare}` })).status).toBe(200);
  });
});
