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
  createToken(token: ApiTokenRecord): Promise<void>;
  listTokens(): Promise<ApiTokenRecord[]>;
  findTokenByHash(hash: string): Promise<ApiTokenRecord | undefined>;
  touchToken(id: string, at: number): Promise<void>;
  deleteToken(id: string): Promise<boolean>;
  countTokens(): Promise<number>;
}
