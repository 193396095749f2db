import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiTokenRecord, TokenStore } from '@weft/engine';

/** The sha256 of a token, hex: what the store keeps. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Creates an API token and stores its hash. The plain token is returned once and never again.
 *
 * @example const { token } = await createApiToken(store, 'ci'); // 'weft_3q2…'
 */
export async function createApiToken(
  store: Pick<TokenStore, 'createToken'>,
  name: string,
  options: { now?: number } = {},
): Promise<{ token: string; record: ApiTokenRecord }> {
  const token = `weft_${randomBytes(32).toString('base64url')}`;
  const record: ApiTokenRecord = {
    id: randomUUID(),
    name,
    hash: hashApiToken(token),
    prefix: token.slice(0, 12),
    createdAt: options.now ?? Date.now(),
  };
  await store.createToken(record);
  return { token, record };
}
