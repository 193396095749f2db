import { afterEach, describe, expect, it } from 'vitest';
import { createWorkflow, startHarness, startRun, workflows, type Harness } from '../test-support/harness.ts';
import { createApiToken, hashApiToken } from './api-tokens.ts';

let h: Harness;
afterEach(() => h.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API tokens', () => {
  it('creates a token shown once, stored as its sha256', async () => {
    h = await startHarness();
    const { token, record } = await createApiToken(h.store, 'ci');
    expect(token).toMatch(/^weft_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ name: 'ci', hash: hashApiToken(token), prefix: token.slice(0, 12) });
    const stored = await h.store.listTokens();
    expect(JSON.stringify(stored)).not.toContain(token);
  });
});

describe('auth: auto (default)', () => {
  it('is open until a token exists, then every route needs one', async () => {
    h = await startHarness();
    expect((await h.call('GET', '/api/workflows')).status).toBe(200);
    const { token: mine } = await createApiToken(h.store, 'me');
    // The server asks the store again within a couple of seconds (it caches the answer meanwhile).
    const deadline = Date.now() + 5_000;
    while ((await h.call('GET', '/api/workflows')).status !== 401) {
      if (Date.now() > deadline) throw new Error('still open after a token was created');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const denied = await h.call('GET', '/api/workflows');
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer realm="weft"');
    expect(denied.json.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/Authorization: Bearer/) });
    expect((await h.call('GET', '/api/workflows', { headers: bearer('weft_wrong') })).status).toBe(401);
    expect((await h.call('GET', '/api/workflows', { headers: { authorization: `Basic ${mine}` } })).status).toBe(401);
    expect((await h.call('GET', '/api/workflows', { headers: bearer(mine) })).status).toBe(200);
    expect((await h.call('POST', '/api/workflows', { body: {}, headers: {} })).status).toBe(401);
  });

  it('leaves /api/health and /api/docs open, and takes ?access_token= only on streams', async () => {
    h = await startHarness();
    const { token } = await createApiToken(h.store, 'me');
    expect((await h.call('GET', '/api/health')).status).toBe(200);
    expect((await h.call('GET', '/api/docs')).status).toBe(200);
    expect((await h.call('GET', '/api/openapi.json')).status).toBe(401);
    expect((await h.call('GET', `/api/workflows?access_token=${token}`)).status).toBe(401);

    const id = await createWorkflow(
      { ...h, call: (m, p, init = {}) => h.call(m, p, { ...init, headers: { ...init.headers, ...bearer(token) } }) },
      workflows.chain(),
    );
    const runId = await startRun(
      { ...h, call: (m, p, init = {}) => h.call(m, p, { ...init, headers: { ...init.headers, ...bearer(token) } }) },
      id,
    );
    await h.waitForRun(runId);
    const streamed = await h.server.fetch(new Request(`http://weft.test/api/runs/${runId}/events/stream?access_token=${token}`));
    expect(streamed.status).toBe(200);
    await streamed.body?.cancel();
  });

  it('stops accepting a deleted token', async () => {
    h = await startHarness();
    const { token, record } = await createApiToken(h.store, 'me');
    await createApiToken(h.store, 'keeper');
    expect((await h.call('GET', '/api/runs', { headers: bearer(token) })).status).toBe(200);
    await h.store.deleteToken(record.id);
    const deadline = Date.now() + 5_000;
    while ((await h.call('GET', '/api/runs', { headers: bearer(token) })).status !== 401) {
      if (Date.now() > deadline) throw new Error('deleted token still accepted');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});

describe('auth: required and off', () => {
  it('required: refuses every request while no token exists', async () => {
    h = await startHarness({ config: { auth: 'required' } });
    expect((await h.call('GET', '/api/runs')).status).toBe(401);
    expect((await h.call('GET', '/api/health')).status).toBe(200);
  });

  it('off: lets everything through even when tokens exist', async () => {
    h = await startHarness({ config: { auth: 'off' } });
    await createApiToken(h.store, 'me');
    expect((await h.call('GET', '/api/runs')).status).toBe(200);
  });
});
