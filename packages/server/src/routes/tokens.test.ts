import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../test-support/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API tokens over the API', () => {
  it('creates a token shown once; from then on the API needs one; a deleted token stops working at once', async () => {
    expect((await h.call('GET', '/api/tokens')).json).toEqual({ tokens: [] });
    const created = await h.call('POST', '/api/tokens', { body: { name: 'ci' } });
    expect(created.status).toBe(201);
    const token = created.json['token'] as string;
    expect(token).toMatch(/^weft_/);
    const apiToken = created.json['apiToken'] as { id: string; name: string; prefix: string };
    expect(apiToken).toEqual({ id: expect.any(String), name: 'ci', prefix: token.slice(0, 12), createdAt: expect.any(Number) });

    // No waiting for a cache: this process knows a token now exists.
    expect((await h.call('GET', '/api/tokens')).status).toBe(401);
    const listed = await h.call('GET', '/api/tokens', { headers: bearer(token) });
    expect(listed.json['tokens']).toEqual([expect.objectContaining({ id: apiToken.id, name: 'ci', prefix: apiToken.prefix })]);
    expect(listed.text).not.toContain(token);
    expect(listed.text).not.toContain('hash');

    const second = await h.call('POST', '/api/tokens', { body: { name: 'laptop' }, headers: bearer(token) });
    const other = second.json['token'] as string;
    expect((await h.call('DELETE', `/api/tokens/${apiToken.id}`, { headers: bearer(other) })).json).toEqual({ deleted: true });
    expect((await h.call('GET', '/api/runs', { headers: bearer(token) })).status).toBe(401);
    expect((await h.call('GET', '/api/runs', { headers: bearer(other) })).status).toBe(200);
    expect((await h.call('DELETE', `/api/tokens/${apiToken.id}`, { headers: bearer(other) })).status).toBe(404);
  });

  it('refuses a token without a name', async () => {
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(101) }]) {
      const refused = await h.call('POST', '/api/tokens', { body });
      expect(refused.status).toBe(400);
      expect(refused.json.error?.path).toMatch(/^body/);
    }
  });
});
