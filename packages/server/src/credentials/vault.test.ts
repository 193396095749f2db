import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryRunStore } from '@weft/engine/testing';
import { credentialResolver, encodeCredentialValue } from './credential-resolver.ts';
import { createVault, loadEncryptionKey } from './vault.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-vault-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vault', () => {
  it('round-trips, with a fresh iv each time, and refuses another key', async () => {
    const vault = createVault(await loadEncryptionKey({ env: {}, keyFile: join(dir, 'key') }));
    const a = vault.encrypt('sk-secret');
    expect(a).not.toContain('sk-secret');
    expect(vault.encrypt('sk-secret')).not.toBe(a);
    expect(vault.decrypt(a)).toBe('sk-secret');
    const other = createVault(await loadEncryptionKey({ env: { WEFT_ENCRYPTION_KEY: 'another passphrase' }, keyFile: join(dir, 'x') }));
    expect(() => other.decrypt(a)).toThrow(/not the key it was saved with/);
  });

  it('creates the key file once, with mode 0600, and reuses it', async () => {
    const keyFile = join(dir, 'home', 'secret.key');
    const first = await loadEncryptionKey({ env: {}, keyFile });
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(await loadEncryptionKey({ env: {}, keyFile })).toEqual(first);
    expect((await readFile(keyFile, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['64 hex characters', 'ab'.repeat(32)],
    ['base64', Buffer.alloc(32, 7).toString('base64')],
    ['a passphrase', 'correct horse battery staple'],
  ])('takes WEFT_ENCRYPTION_KEY as %s', async (_name, key) => {
    const loaded = await loadEncryptionKey({ env: { WEFT_ENCRYPTION_KEY: key }, keyFile: join(dir, 'unused') });
    expect(loaded).toHaveLength(32);
  });

  it('resolves credentials by name for nodes', async () => {
    const store = new MemoryRunStore();
    const vault = createVault(await loadEncryptionKey({ env: {}, keyFile: join(dir, 'key') }));
    await store.putCredential({ name: 'api', type: 'api_key', ciphertext: vault.encrypt(encodeCredentialValue('k-123')), createdAt: 1, updatedAt: 1 });
    await store.putCredential({ name: 'basic', type: 'basic', ciphertext: vault.encrypt(encodeCredentialValue({ user: 'u', password: 'p' })), createdAt: 1, updatedAt: 1 });
    const resolver = credentialResolver(store, vault);
    expect(await resolver.resolve('api')).toBe('k-123');
    expect(await resolver.resolve('basic')).toEqual({ user: 'u', password: 'p' });
    expect(await resolver.resolve('missing')).toBeUndefined();
  });
});
