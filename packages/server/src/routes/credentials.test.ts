import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../test-support/harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const SECRET = 'sk-live-0123456789abcdef';

describe('credentials', () => {
  it('creates (201), refuses a taken name (409), lists without values, replaces, deletes', async () => {
    const created = await h.call('POST', '/api/credentials', { body: { name: 'openai', type: 'api_key', value: SECRET } });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ credential: { name: 'openai', type: 'api_key', createdAt: expect.any(Number), updatedAt: expect.any(Number) } });
    const again = await h.call('POST', '/api/credentials', { body: { name: 'openai', value: 'other' } });
    expect(again.status).toBe(409);
    expect(again.json.error?.message).toMatch(/PUT \/api\/credentials\/openai/);

    await h.call('POST', '/api/credentials', { body: { name: 'basic-auth', type: 'basic', value: { user: 'u', password: 'pw-123456' } } });
    const listed = await h.call('GET', '/api/credentials');
    expect(listed.json).toEqual({
      credentials: [
        { name: 'basic-auth', type: 'basic', createdAt: expect.any(Number), updatedAt: expect.any(Number) },
        { name: 'openai', type: 'api_key', createdAt: expect.any(Number), updatedAt: expect.any(Number) },
      ],
    });

    const replaced = await h.call('PUT', '/api/credentials/openai', { body: { type: 'bearer', value: 'sk-new-value' } });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ credential: { name: 'openai', type: 'bearer' } });
    expect((await h.call('PUT', '/api/credentials/fresh', { body: { value: 'abc-fresh' } })).status).toBe(201);

    expect((await h.call('DELETE', '/api/credentials/openai')).json).toEqual({ deleted: true });
    expect((await h.call('DELETE', '/api/credentials/openai')).status).toBe(404);
    expect((await h.call('GET', '/api/credentials')).json['credentials']).toHaveLength(2);
  });

  it('stores only ciphertext, which the server’s resolver decrypts by name', async () => {
    await h.call('POST', '/api/credentials', { body: { name: 'k', value: SECRET } });
    const stored = await h.store.getCredential('k');
    expect(stored?.ciphertext).toEqual(expect.any(String));
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    expect(JSON.parse(h.vault.decrypt(stored?.ciphertext as string))).toEqual({ value: SECRET });
  });

  it.each([
    [{ name: 'has space', value: 'x' }, 'body.name'],
    [{ name: '', value: 'x' }, 'body.name'],
    [{ name: 'k', value: '' }, 'body.value'],
    [{ name: 'k', value: {} }, 'body.value'],
    [{ name: 'k', value: { a: 1 } }, 'body.value'],
    [{ name: 'k', value: 'x', extra: true }, 'body'],
    [{ name: 'k', type: 'no spaces allowed', value: 'x' }, 'body.type'],
  ])('refuses %j at %s', async (body, path) => {
    const refused = await h.call('POST', '/api/credentials', { body });
    expect(refused.status).toBe(400);
    expect(refused.json.error?.path).toBe(path);
  });

  it('never echoes a value back, not even in the error for a body that is not JSON', async () => {
    const broken = await h.call('POST', '/api/credentials', { raw: `{"name": "k", "value": ${SECRET}}` });
    expect(broken.status).toBe(400);
    expect(broken.text).not.toContain(SECRET);
    expect(broken.json.error?.message).toMatch(/^The body is not valid JSON: Unexpected token/);
    const wrongType = await h.call('POST', '/api/credentials', { body: { name: 'k', value: [SECRET] } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.text).not.toContain(SECRET);
  });
});
