import { describe, expect, it } from 'vitest';
import type { StoredCredential } from '../../ports/credential-store.ts';
import { T0, type WeftConformanceContext } from './fixtures.ts';

function credential(name: string, overrides: Partial<StoredCredential> = {}): StoredCredential {
  return {
    name,
    type: 'api_key',
    ciphertext: `cipher-of-${name}`,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** Credentials: created or replaced by name, listed without their ciphertext, deleted. */
export function describeCredentials(ctx: WeftConformanceContext): void {
  describe('credentials', () => {
    it('creates a credential and reads it back', async () => {
      const store = ctx.store();
      expect(await store.putCredential(credential('openai'))).toStrictEqual({ created: true });
      expect(await store.getCredential('openai')).toStrictEqual(credential('openai'));
      expect(await store.getCredential('missing')).toBeUndefined();
    });

    it('replaces a credential, keeping when it was created', async () => {
      const store = ctx.store();
      await store.putCredential(credential('openai'));
      const replacement = credential('openai', {
        type: 'bearer',
        ciphertext: 'new-cipher',
        createdAt: T0 + 99,
        updatedAt: T0 + 100,
      });
      expect(await store.putCredential(replacement)).toStrictEqual({ created: false });
      expect(await store.getCredential('openai')).toStrictEqual({
        name: 'openai',
        type: 'bearer',
        ciphertext: 'new-cipher',
        createdAt: T0,
        updatedAt: T0 + 100,
      });
    });

    it('lists names, types and times by name, never the ciphertext', async () => {
      const store = ctx.store();
      await store.putCredential(credential('zeta', { type: 'basic' }));
      await store.putCredential(credential('alpha', { updatedAt: T0 + 5 }));
      await store.putCredential(credential('Mid'));
      expect(await store.listCredentials()).toStrictEqual([
        { name: 'Mid', type: 'api_key', createdAt: T0, updatedAt: T0 },
        { name: 'alpha', type: 'api_key', createdAt: T0, updatedAt: T0 + 5 },
        { name: 'zeta', type: 'basic', createdAt: T0, updatedAt: T0 },
      ]);
    });

    it('deletes a credential once', async () => {
      const store = ctx.store();
      await store.putCredential(credential('a'));
      await store.putCredential(credential('b'));
      expect(await store.deleteCredential('a')).toBe(true);
      expect(await store.deleteCredential('a')).toBe(false);
      expect(await store.deleteCredential('never')).toBe(false);
      expect(await store.getCredential('a')).toBeUndefined();
      expect((await store.listCredentials()).map((c) => c.name)).toStrictEqual(['b']);
      expect(await store.putCredential(credential('a'))).toStrictEqual({ created: true });
    });

    it('keeps stored credentials apart from the objects callers hold', async () => {
      const store = ctx.store();
      const input = credential('c');
      await store.putCredential(input);
      input.ciphertext = 'mutated';
      const read = await store.getCredential('c');
      if (read) read.type = 'mutated';
      expect(await store.getCredential('c')).toStrictEqual(credential('c'));
    });
  });
}
