import { ConflictError } from '../errors.ts';
import type { ApiTokenRecord, TokenStore } from '../ports/token-store.ts';

/** The `TokenStore` part of `MemoryRunStore`: API tokens by id, findable by hash. */
export class MemoryTokens implements TokenStore {
  readonly #tokens = new Map<string, ApiTokenRecord>();
  readonly #idByHash = new Map<string, string>();

  async createToken(token: ApiTokenRecord): Promise<void> {
    if (this.#tokens.has(token.id)) throw new ConflictError(`API token ${token.id} already exists.`);
    if (this.#idByHash.has(token.hash))
      throw new ConflictError('An API token with this hash already exists.');
    this.#tokens.set(token.id, copyToken(token));
    this.#idByHash.set(token.hash, token.id);
  }

  async listTokens(): Promise<ApiTokenRecord[]> {
    return [...this.#tokens.values()]
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(copyToken);
  }

  async findTokenByHash(hash: string): Promise<ApiTokenRecord | undefined> {
    const id = this.#idByHash.get(hash);
    const token = id === undefined ? undefined : this.#tokens.get(id);
    return token && copyToken(token);
  }

  async touchToken(id: string, at: number): Promise<void> {
    const token = this.#tokens.get(id);
    if (token && !(token.lastUsedAt !== undefined && token.lastUsedAt >= at)) token.lastUsedAt = at;
  }

  async deleteToken(id: string): Promise<boolean> {
    const token = this.#tokens.get(id);
    if (!token) return false;
    this.#tokens.delete(id);
    this.#idByHash.delete(token.hash);
    return true;
  }

  async countTokens(): Promise<number> {
    return this.#tokens.size;
  }
}

function copyToken(token: ApiTokenRecord): ApiTokenRecord {
  const copy: ApiTokenRecord = {
    id: token.id,
    name: token.name,
    hash: token.hash,
    prefix: token.prefix,
    createdAt: token.createdAt,
  };
  if (token.lastUsedAt !== undefined) copy.lastUsedAt = token.lastUsedAt;
  return copy;
}
