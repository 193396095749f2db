/** A stored credential: its value only ever as ciphertext (the server encrypts and decrypts). */
export interface StoredCredential {
  name: string;
  /** What kind of secret: `api_key`, `bearer`, `basic`, `header`, `service_account`… */
  type: string;
  /** AES-256-GCM ciphertext, base64 (iv ‖ tag ‖ data); never logged, never returned by the API. */
  ciphertext: string;
  createdAt: number;
  updatedAt: number;
}

/** Credentials by name. */
export interface CredentialStore {
  /** Creates or replaces a credential (a replacement keeps the stored `createdAt`); returns whether it was new. */
  putCredential(credential: StoredCredential): Promise<{ created: boolean }>;
  getCredential(name: string): Promise<StoredCredential | undefined>;
  /** Names, types and times only, ordered by name. */
  listCredentials(): Promise<Omit<StoredCredential, 'ciphertext'>[]>;
  deleteCredential(name: string): Promise<boolean>;
}
