/** An API token: stored as a hash, shown in full only once when created. */
export interface ApiTokenRecord {
  id: string;
  name: string;
  /** sha256 of the token, hex. */
  hash: string;
  /** The first characters, to tell tokens apart in lists. */
  prefix: string;
  createdAt: number;
  lastUsedAt?: number;
}

/** API tokens. */
export interface TokenStore {
  /** Throws `ConflictError` when the id or the hash is taken. */
  createToken(token: ApiTokenRecord): Promise<void>;
  /** Oldest first (createdAt, then id). */
  listTokens(): Promise<ApiTokenRecord[]>;
  findTokenByHash(hash: string): Promise<ApiTokenRecord | undefined>;
  /** Records a use at `at` (a later recorded use is kept: touches may arrive out of order). */
  touchToken(id: string, at: number): Promise<void>;
  deleteToken(id: string): Promise<boolean>;
  countTokens(): Promise<number>;
}
