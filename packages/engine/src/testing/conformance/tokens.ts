import { describe, expect, it } from 'vitest';
import type { ApiTokenRecord } from '../../ports/token-store.ts';
import { T0, expectCode, type WeftConformanceContext } from './fixtures.ts';

function token(id: string, overrides: Partial<ApiTokenRecord> = {}): ApiTokenRecord {
  return { id, name: `token ${id}`, hash: `hash-${id}`, prefix: `weft_${id}`, createdAt: T0, ...overrides };
}

/** API tokens: created once, found by hash, touched on use, counted, deleted. */
export function describeTokens(ctx: WeftConformanceContext): void {
  describe('API tokens', () => {
    it('creates tokens, lists them oldest first and counts them', async () => {
      const store = ctx.store();
      expect(await store.countTokens()).toBe(0);
      expect(await store.listTokens()).toStrictEqual([]);
      await store.createToken(token('t2', { createdAt: T0 + 1 }));
      await store.createToken(token('t3', { createdAt: T0 }));
      await store.createToken(token('t1', { createdAt: T0 }));
      expect(await store.countTokens()).toBe(3);
      expect(await store.listTokens()).toStrictEqual([
        token('t1'),
        token('t3'),
        token('t2', { createdAt: T0 + 1 }),
      ]);
    });

    it('finds a token by its hash', async () => {
      const store = ctx.store();
      await store.createToken(token('t1'));
      await store.createToken(token('t2'));
      expect(await store.findTokenByHash('hash-t2')).toStrictEqual(token('t2'));
      expect(await store.findTokenByHash('hash-nope')).toBeUndefined();
    });

    it.each([
      ['id', token('t1', { hash: 'other-hash' })],
      ['hash', token('t2', { hash: 'hash-t1' })],
    ])('refuses a second token with the same %s', async (_case, duplicate) => {
      const store = ctx.store();
      await store.createToken(token('t1'));
      await expectCode(store.createToken(duplicate), 'CONFLICT');
      expect(await store.listTokens()).toStrictEqual([token('t1')]);
    });

    it('records the latest use', async () => {
      const store = ctx.store();
      await store.createToken(token('t1'));
      await store.touchToken('t1', T0 + 10);
      expect(await store.findTokenByHash('hash-t1')).toStrictEqual(token('t1', { lastUsedAt: T0 + 10 }));
      await store.touchToken('t1', T0 + 5);
      expect((await store.listTokens())[0]?.lastUsedAt).toBe(T0 + 10);
      await store.touchToken('t1', T0 + 20);
      expect((await store.listTokens())[0]?.lastUsedAt).toBe(T0 + 20);
      await expect(store.touchToken('ghost', T0)).resolves.toBeUndefined();
    });

    it('deletes a token once, freeing its hash', async () => {
      const store = ctx.store();
      await store.createToken(token('t1'));
      await store.createToken(token('t2'));
      expect(await store.deleteToken('t1')).toBe(true);
      expect(await store.deleteToken('t1')).toBe(false);
      expect(await store.deleteToken('ghost')).toBe(false);
      expect(await store.findTokenByHash('hash-t1')).toBeUndefined();
      expect(await store.countTokens()).toBe(1);
      await store.createToken(token('t3', { hash: 'hash-t1' }));
      expect((await store.findTokenByHash('hash-t1'))?.id).toBe('t3');
    });
  });
}
